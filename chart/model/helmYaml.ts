import { parseAllDocuments, parseDocument } from "yaml";
import { ChartError } from "./errors";

export type YamlMap = Record<string, unknown>;

/**
 * How Helm's YAML reader (go-yaml v2 under sigs.k8s.io/yaml) reads scalars: YAML 1.1 (`yes` is true,
 * `017` is octal), integers apart from floats, and a repeated key silently replacing the earlier one.
 */
const helmYamlOptions = { version: "1.1", intAsBigInt: true, uniqueKeys: false } as const;

function duplicateKeyWarning(text: string, fileLabel: string): string | undefined {
    const problem = parseDocument(text, { version: "1.1", uniqueKeys: true }).errors.find((e) => e.code === "DUPLICATE_KEY");
    if (!problem) return undefined;
    return `${fileLabel} line ${problem.linePos?.[0].line ?? "?"} repeats a key; Helm keeps the last value. Remove the duplicate.`;
}

function syntaxError(problem: { message: string; linePos?: [{ line: number }, ...unknown[]] }, fileLabel: string): ChartError {
    const line = problem.linePos?.[0].line;
    const where = line === undefined ? "" : ` at line ${line}`;
    return new ChartError(
        `${fileLabel} is not valid YAML${where}: ${problem.message.split("\n")[0].replace(/:$/, "")}. Fix the YAML syntax.`,
        fileLabel,
    );
}

function asMapping(value: unknown, fileLabel: string, allowEmpty: boolean): YamlMap {
    if (value === null || value === undefined) {
        if (allowEmpty) return {};
        throw new ChartError(`${fileLabel} is empty; it must be a YAML mapping with at least apiVersion, name and version.`, fileLabel);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new ChartError(
            `${fileLabel} must be a YAML mapping (key: value pairs), not a ${Array.isArray(value) ? "list" : typeof value}.`,
            fileLabel,
        );
    }
    return value as YamlMap;
}

/**
 * Parses YAML text into a mapping; `fileLabel` names the file in errors. Strips a UTF-8 BOM as Helm
 * does. A repeated key is read as Helm reads it (the last one wins) and reported in `warnings`.
 */
export function parseYamlMapping(text: string, fileLabel: string, allowEmpty: boolean, warnings: string[] = []): YamlMap {
    const source = text.replace(/^\uFEFF/, "");
    const doc = parseDocument(source, helmYamlOptions);
    const problem = doc.errors[0];
    if (problem) throw syntaxError(problem, fileLabel);
    const duplicate = duplicateKeyWarning(source, fileLabel);
    if (duplicate) warnings.push(duplicate);
    return asMapping(doc.toJS(), fileLabel, allowEmpty);
}

/**
 * values.yaml may hold several YAML documents: Helm 3 reads the first, Helm 4 merges them all. Each
 * must be a mapping (or empty), as both require.
 */
export function checkValuesYaml(text: string, fileLabel: string, warnings: string[]): void {
    const source = text.replace(/^\uFEFF/, "");
    const docs = parseAllDocuments(source, helmYamlOptions);
    if (!Array.isArray(docs)) throw new ChartError(`${fileLabel} is not valid YAML. Fix the YAML syntax.`, fileLabel);
    for (const doc of docs) {
        const problem = doc.errors[0];
        if (problem) throw syntaxError(problem, fileLabel);
        asMapping(doc.toJS(), fileLabel, true);
    }
    if (docs.length > 1)
        warnings.push(
            `${fileLabel} holds ${docs.length} YAML documents: Helm 3 reads only the first, Helm 4 merges them. Keep one document.`,
        );
    const duplicate = docs.length === 1 ? duplicateKeyWarning(source, fileLabel) : undefined;
    if (duplicate) warnings.push(duplicate);
}
