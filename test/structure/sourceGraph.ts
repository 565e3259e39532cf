import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

/** The TypeScript sources under `dir` (declarations and node_modules left out). */
export function sourceFiles(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return entry.name === "node_modules" ? [] : sourceFiles(file);
        return entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts") ? [file] : [];
    });
}

/** Every module a file imports, re-exports or requires, type-only imports included, as written. */
export function specifiersOf(file: string): string[] {
    return ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true).importedFiles.map(({ fileName }) => fileName);
}

/** The package's own files a file imports (relative specifiers resolved to their .ts file). */
export function importsOf(file: string): string[] {
    return specifiersOf(file)
        .filter((name) => name.startsWith("."))
        .map((name) => path.resolve(path.dirname(file), name))
        .map((target) => [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => fs.existsSync(candidate)))
        .filter((target): target is string => target !== undefined);
}

/** The npm packages a file imports, by package name (`@pulumi/pulumi/provider` counts as `@pulumi/pulumi`). */
export function packagesOf(file: string): string[] {
    return specifiersOf(file)
        .filter((name) => !name.startsWith(".") && !name.startsWith("node:"))
        .map((name) =>
            name
                .split("/")
                .slice(0, name.startsWith("@") ? 2 : 1)
                .join("/"),
        );
}

/** `file` relative to the repository, with forward slashes. */
export function repoPath(file: string): string {
    return path.relative(repoRoot, file).split(path.sep).join("/");
}

/** Every file reachable from `start` through the package's own imports, `start` included. */
export function importClosure(start: string): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        importsOf(file).forEach(visit);
    };
    visit(start);
    return [...seen];
}
