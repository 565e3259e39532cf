import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/paths";

/** The last commit whose chart resources were dynamic resources: what users upgrade from. */
export const LAST_DYNAMIC_PROVIDER_COMMIT = "5629636";

/** The last commit of 0.2.0 before its contract was checked by the schema: the provider plugin's first release. */
export const LAST_0_2_0_COMMIT = "171281f";

/**
 * This package as it was at `commit`, built from the repository's history and packed by npm, as a user of that
 * release has it installed. Returns the tarball's path; the caller removes `dir`.
 */
export function packFormerRelease(commit = LAST_DYNAMIC_PROVIDER_COMMIT): { tarball: string; dir: string } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-former-"));
    const source = path.join(dir, "source");
    fs.mkdirSync(source);
    const archive = execFileSync("git", ["archive", "--format=tar", commit], { cwd: repoRoot, maxBuffer: 256 * 1024 * 1024 });
    execFileSync("tar", ["-x", "-C", source], { input: archive });
    // The same dependencies as today's lock file pins: the build needs only their types and compiler.
    fs.symlinkSync(path.join(repoRoot, "node_modules"), path.join(source, "node_modules"));
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    execFileSync(process.execPath, [tsc, "-p", "tsconfig.json"], { cwd: source, stdio: "pipe" });
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: source, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop()!;
    return { tarball: path.join(dir, packed), dir };
}
