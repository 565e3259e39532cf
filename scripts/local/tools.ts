import * as fs from "fs";
import * as path from "path";

const PACKAGE_NAME = "pulumi-acr-helm";

/** Walks up from `start` to the directory holding this package's package.json. */
export function findRepoRoot(start: string = __dirname): string {
    let dir = path.resolve(start);
    for (;;) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && readPackageName(manifest) === PACKAGE_NAME) {
            return dir;
        }
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`cannot find the ${PACKAGE_NAME} repository root above ${start}`);
        }
        dir = parent;
    }
}

function readPackageName(manifest: string): string | undefined {
    try {
        return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name;
    } catch {
        return undefined;
    }
}

/** Directory `scripts/setup-tools.sh` builds Helm and kube-apiserver into. */
export function toolsBinDir(): string {
    return path.join(findRepoRoot(), ".tools", "bin");
}

/**
 * Path of a tool: `.tools/bin/<name>` when it was built there by `scripts/setup-tools.sh`,
 * otherwise the bare name, resolved on PATH when it is run (e.g. Debian's /usr/bin/etcd).
 */
export function toolPath(name: string): string {
    const local = path.join(toolsBinDir(), name);
    return fs.existsSync(local) ? local : name;
}

/** Absolute path of `name` on PATH, or undefined. */
export function findOnPath(name: string): string | undefined {
    for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
        const candidate = path.join(dir, name);
        try {
            fs.accessSync(candidate, fs.constants.X_OK);
            return candidate;
        } catch {
            // not in this directory
        }
    }
    return undefined;
}

/** Like toolPath, but absolute, and throws naming the fix when the tool is neither built nor on PATH. */
export function requireTool(name: string): string {
    const local = path.join(toolsBinDir(), name);
    if (fs.existsSync(local)) {
        return local;
    }
    const onPath = findOnPath(name);
    if (onPath) {
        return onPath;
    }
    throw new Error(`'${name}' was not found in ${toolsBinDir()} or on PATH; run scripts/setup-tools.sh to install it`);
}

/**
 * `.tools/bin/<name>` as scripts/setup-tools.sh links it, with no fallback to PATH (that would take any version).
 * Missing, it fails at once naming the command that builds it; `target` is that command's target (default: name).
 */
export function installedTool(name: string, target: string = name): string {
    const linked = path.join(toolsBinDir(), name);
    if (fs.existsSync(linked)) return linked;
    throw new Error(`${name} is not installed (${linked} is missing): run \`bash scripts/setup-tools.sh ${target}\``);
}
