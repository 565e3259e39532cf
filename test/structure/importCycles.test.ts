import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

const SOURCE_ROOTS = ["components", "bin", "scripts", "examples", "stacks"];

function sourceFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(file);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [file] : [];
    });
}

/** Relative imports and re-exports of a file, type-only ones included (they tie files together just the same). */
function importsOf(file: string): string[] {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return importedFiles
        .map(({ fileName }) => fileName)
        .filter((name) => name.startsWith("."))
        .map((name) => path.resolve(path.dirname(file), name))
        .map((target) => [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => fs.existsSync(candidate)))
        .filter((target): target is string => target !== undefined);
}

function findCycles(files: string[]): string[][] {
    const graph = new Map(files.map((file) => [file, importsOf(file)]));
    const state = new Map<string, "visiting" | "done">();
    const stack: string[] = [];
    const cycles: string[][] = [];
    const visit = (file: string) => {
        state.set(file, "visiting");
        stack.push(file);
        for (const next of graph.get(file) ?? []) {
            if (state.get(next) === "visiting") cycles.push([...stack.slice(stack.indexOf(next)), next]);
            else if (!state.has(next)) visit(next);
        }
        stack.pop();
        state.set(file, "done");
    };
    for (const file of graph.keys()) if (!state.has(file)) visit(file);
    return cycles;
}

describe("source layout", () => {
    it("has no import cycles in the package, the CLI, the scripts and the example programs", () => {
        const files = SOURCE_ROOTS.flatMap((dir) => sourceFiles(path.join(repoRoot, dir)));
        assert.ok(files.length > 100, `found only ${files.length} source files`);
        const cycles = findCycles(files).map((cycle) => cycle.map((file) => path.relative(repoRoot, file)).join(" -> "));
        assert.deepStrictEqual(cycles, []);
    });

    it("keeps the generic distribution client free of chart code", () => {
        const distribution = path.join(repoRoot, "components", "chart", "distribution");
        const outside = sourceFiles(distribution).flatMap((file) =>
            importsOf(file)
                .filter((target) => !target.startsWith(distribution + path.sep))
                .map((target) => `${path.relative(repoRoot, file)} imports ${path.relative(repoRoot, target)}`),
        );
        assert.deepStrictEqual(outside, []);
    });
});
