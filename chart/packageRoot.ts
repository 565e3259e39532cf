import * as fs from "fs";
import * as path from "path";

const packageName = "pulumi-acr-helm";

/**
 * This package's root directory, found by walking up to its own package.json rather than by a fixed `../../..`:
 * modules run compiled from `dist/components/…`, from an installed copy under `node_modules/pulumi-acr-helm/`, and
 * as TypeScript source when Pulumi runs a stack program through ts-node; the depth to the root differs between these.
 */
export function packageRoot(start: string = __dirname): string {
    let dir = path.resolve(start);
    for (;;) {
        if (readManifest(path.join(dir, "package.json"))?.name === packageName) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) throw new Error(`cannot find the ${packageName} package root above ${start}`);
        dir = parent;
    }
}

let version: string | undefined;

/** The version of this package as installed. */
export function packageVersion(): string {
    version ??= readManifest(path.join(packageRoot(), "package.json"))?.version ?? "unknown";
    return version;
}

function readManifest(file: string): { name?: string; version?: string } | undefined {
    try {
        return JSON.parse(fs.readFileSync(file, "utf8")) as { name?: string; version?: string };
    } catch {
        return undefined;
    }
}
