import { stringify } from "yaml";
import { UsageError } from "./usage";

export type OutputFormat = "table" | "json" | "yaml";

/** -o/--output as `helm search` takes it: table (default), json or yaml. */
export function outputFormat(value: string | boolean | undefined): OutputFormat {
    if (value === undefined) return "table";
    if (value === "table" || value === "json" || value === "yaml") return value;
    throw new UsageError(`--output takes table, json or yaml (got ${JSON.stringify(value)})`);
}

/** Helm's tables (uitable): columns padded to their widest cell, at most 50 characters, separated by a tab. */
export function formatTable(rows: string[][], maxColumnWidth = 50): string {
    const cut = rows.map((row) => row.map((cell) => (cell.length > maxColumnWidth ? `${cell.slice(0, maxColumnWidth - 3)}...` : cell)));
    const widths = cut[0].map((_, column) => Math.max(...cut.map((row) => row[column].length)));
    return cut
        .map((row) =>
            row
                .map((cell, column) => cell.padEnd(widths[column]))
                .join("\t")
                .trimEnd(),
        )
        .join("\n");
}

export function formatStructured(value: unknown, format: "json" | "yaml"): string {
    return format === "json" ? JSON.stringify(value) : stringify(value).trimEnd();
}
