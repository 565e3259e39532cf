import { spawn } from "child_process";
import * as path from "path";
import { repoRoot } from "./paths";

export const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");

export interface CliRun {
    code: number | null;
    stdout: string;
    stderr: string;
}

/**
 * Runs the built acr-helm CLI with only PATH (plus `env`) in its environment. Asynchronous, so that servers
 * living in the test process (the token issuer) keep answering while it runs.
 */
export function acrHelm(args: string[], stdin = "", env: NodeJS.ProcessEnv = {}): Promise<CliRun> {
    return new Promise((resolve, reject) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env }, stdio: ["pipe", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
        child.on("error", reject);
        child.on("close", (code) => resolve({ code, stdout, stderr }));
        child.stdin.end(stdin);
    });
}
