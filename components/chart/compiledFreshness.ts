import * as fs from "fs";
import * as path from "path";

/**
 * Refuses compiled code older than the TypeScript it was built from, so that a provider loaded from a checkout runs
 * the same code as the program. An installed package ships no `components/` sources and passes.
 */
export function assertCompiledIsCurrent(compiledFile: string): void {
    const root = path.resolve(path.dirname(compiledFile), "..", "..", "..");
    const sources = path.join(root, "components");
    if (!fs.existsSync(sources)) return;
    const newest = newestTypeScript(sources);
    if (newest && newest.mtimeMs > fs.statSync(compiledFile).mtimeMs) {
        throw new Error(
            `the ChartPublication provider's compiled code ${compiledFile} is older than ${newest.file}; ` +
                `run 'npm run build' in ${root} so that the provider runs the same code as the program`,
        );
    }
}

function newestTypeScript(dir: string): { file: string; mtimeMs: number } | undefined {
    let newest: { file: string; mtimeMs: number } | undefined;
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        const file = path.join(dir, entry.name);
        const found = entry.isDirectory()
            ? newestTypeScript(file)
            : entry.name.endsWith(".ts")
              ? { file, mtimeMs: fs.statSync(file).mtimeMs }
              : undefined;
        if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
    }
    return newest;
}
