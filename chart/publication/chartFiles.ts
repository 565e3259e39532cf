import * as fs from "fs";
import * as path from "path";

/** Every entry under a chart directory with its size, modification and status-change times and mode: what a change of the chart alters. */
export interface ChartFiles {
    readonly listing: string;
    /** The latest modification or status-change time among the entries, in milliseconds. */
    readonly newestChangeMs: number;
}

/** The chart directory's entries, or undefined when it cannot be read (for example, the path is a .tgz). */
export function chartFiles(dir: string): ChartFiles | undefined {
    const entries: string[] = [];
    let newestChangeMs = 0;
    const walk = (current: string): void => {
        for (const entry of fs.readdirSync(current, { withFileTypes: true })) {
            const file = path.join(current, entry.name);
            const stat = fs.lstatSync(file);
            entries.push(`${path.relative(dir, file)}\0${stat.size}\0${stat.mtimeMs}\0${stat.ctimeMs}\0${stat.mode}`);
            newestChangeMs = Math.max(newestChangeMs, stat.mtimeMs, stat.ctimeMs);
            if (entry.isDirectory()) walk(file);
        }
    };
    try {
        walk(dir);
    } catch {
        return undefined;
    }
    return { listing: entries.join("\n"), newestChangeMs };
}
