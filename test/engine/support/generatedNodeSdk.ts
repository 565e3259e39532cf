import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../support/paths";

/**
 * Builds the generated Node.js SDK (`sdk/nodejs`) as its publisher would, inside `project` (a consumer project whose
 * node_modules provide @pulumi/pulumi): installs what it compiles against, compiles it with tsc, copies its
 * package.json into the output and packs that. Returns the tarball.
 */
export function packGeneratedNodeSdk(project: string): string {
    const sdkDir = path.join(project, "acr-helm-sdk");
    fs.cpSync(path.join(repoRoot, "sdk", "nodejs"), sdkDir, { recursive: true });
    const manifest = JSON.parse(fs.readFileSync(path.join(sdkDir, "package.json"), "utf8")) as {
        dependencies: Record<string, string>;
    };
    const compileDependencies = [...Object.entries(manifest.dependencies).map(([name, version]) => `${name}@${version}`), "@types/node@20"];
    npm(project, ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", ...compileDependencies]);
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    try {
        execFileSync(process.execPath, [tsc, "-p", sdkDir], { cwd: sdkDir, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        const output = (error as { stdout?: string }).stdout ?? "";
        throw new Error(`the generated Node.js SDK does not compile:\n${output}`, { cause: error });
    }
    const bin = path.join(sdkDir, "bin");
    fs.copyFileSync(path.join(sdkDir, "package.json"), path.join(bin, "package.json"));
    const packed = npm(bin, ["pack", "--silent", "--pack-destination", project]).trim().split("\n").pop()!;
    return path.join(project, packed);
}

function npm(cwd: string, args: string[]): string {
    return execFileSync("npm", args, { cwd, encoding: "utf8", stdio: "pipe" });
}
