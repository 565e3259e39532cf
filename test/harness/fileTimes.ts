import * as path from "path";

/**
 * `npm test`'s per-file timing table, loaded through `require` in .mocharc.json and .mocharc.unit.js. Mocha runs
 * global setup fixtures with the runner as `this`; the table is printed after the reporter's summary.
 */

/** One stretch of a run spent on a test file: a top-level suite with its hooks, or a test outside any suite. */
export interface FileTime {
    file: string;
    tests: number;
    ms: number;
}

/** Each file's stretches added up, one row per file, slowest first, and the total; "" when nothing ran. */
export function timingTable(records: readonly FileTime[]): string {
    const files = new Map<string, FileTime>();
    for (const record of records) {
        const sum = files.get(record.file) ?? { file: record.file, tests: 0, ms: 0 };
        files.set(record.file, { file: record.file, tests: sum.tests + record.tests, ms: sum.ms + record.ms });
    }
    if (files.size === 0) return "";
    const rows = [...files.values()].sort((a, b) => b.ms - a.ms || a.file.localeCompare(b.file));
    const total = { file: `total (${rows.length} files)`, tests: 0, ms: 0 };
    for (const row of rows) {
        total.tests += row.tests;
        total.ms += row.ms;
    }
    const cells = [
        ["file", "tests", "seconds"],
        ...[...rows, total].map((row) => [row.file, String(row.tests), (row.ms / 1000).toFixed(1)]),
    ];
    const widths = [0, 1, 2].map((column) => Math.max(...cells.map((cell) => cell[column].length)));
    const lines = cells.map(
        ([file, tests, seconds]) => `  ${file.padEnd(widths[0])}  ${tests.padStart(widths[1])}  ${seconds.padStart(widths[2])}`,
    );
    return ["", "  Time per test file, slowest first:", "", ...lines, ""].join("\n");
}

/**
 * Times every top-level suite from its first hook to its last, so a `before` that starts registries counts toward
 * its file; hooks and tests of the root suite that run outside every suite are timed on their own. Tests are
 * counted as they end (passed, failed or pending).
 */
export function mochaGlobalSetup(this: Mocha.Runner): void {
    const records: FileTime[] = [];
    const started = new Map<Mocha.Runnable | Mocha.Suite, number>();
    const name = (file: string | undefined) => (file ? path.relative(process.cwd(), file) : "(root hooks)");
    let inSuite = false;
    const begin = (item: Mocha.Runnable) => {
        if (item.parent?.root && !inSuite) started.set(item, Date.now());
    };
    const end = (item: Mocha.Runnable | Mocha.Suite) => {
        const start = started.get(item);
        if (start === undefined) return;
        started.delete(item);
        records.push({ file: name(item.file), tests: 0, ms: Date.now() - start });
    };
    this.on("suite", (suite: Mocha.Suite) => {
        if (!suite.parent?.root) return;
        inSuite = true;
        started.set(suite, Date.now());
    });
    this.on("suite end", (suite: Mocha.Suite) => {
        if (suite.parent?.root) inSuite = false;
        end(suite);
    });
    this.on("hook", begin);
    this.on("hook end", end);
    this.on("test", begin);
    this.on("test end", (test: Mocha.Test) => {
        end(test);
        records.push({ file: name(test.file), tests: 1, ms: 0 });
    });
    this.once("end", () => process.stdout.write(timingTable(records)));
}
