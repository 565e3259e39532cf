import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { registerChild } from "../../scripts/local/liveChildren";
import { repoRoot } from "../support/paths";

/** The committed SDKs, one folder per language. */
export const sdkDir = path.join(repoRoot, "sdk");
export const SDK_LANGUAGES = ["nodejs", "python", "go"] as const;

/** The Kubernetes Go SDK the check program builds against: the release the tool cache's provider build uses. */
export const KUBERNETES_GO_SDK = "github.com/pulumi/pulumi-kubernetes/sdk/v4 v4.25.0";
/** The Pulumi Go SDK of the engine module (scripts/pulumi-engine), already in the Go module cache. */
export const PULUMI_GO_SDK = "github.com/pulumi/pulumi/sdk/v3 v3.274.1";

/**
 * Runs a command and resolves with its output; a failure rejects with the command's stdout and stderr. It runs in a
 * process group of its own, registered as a live child (scripts/local/liveChildren.ts), so that a test timeout or a
 * suite deadline stops it with whatever it started (a build's compilers) instead of waiting for it.
 */
export function run(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
    const child = spawn(command, args, {
        cwd: options.cwd ?? repoRoot,
        env: { ...process.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
    });
    const forget = child.pid === undefined ? () => undefined : registerChild(path.basename(command), child.pid, true);
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    return new Promise((resolve, reject) => {
        child.once("error", (error) => {
            forget();
            reject(new Error(`${command} ${args.join(" ")} did not start: ${error.message}`, { cause: error }));
        });
        child.once("close", (code, signal) => {
            forget();
            if (code === 0) resolve(stdout);
            else reject(new Error(`${command} ${args.join(" ")} exited with ${code ?? signal}\n${stdout}${stderr}`.trimEnd()));
        });
    });
}

/** Every file below `dir`, as paths relative to it with forward slashes, sorted. */
export function listFiles(dir: string, prefix = ""): string[] {
    return fs
        .readdirSync(path.join(dir, prefix), { withFileTypes: true })
        .flatMap((entry) => {
            const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
            return entry.isDirectory() ? listFiles(dir, relative) : [relative];
        })
        .sort();
}

/** A fresh temporary directory, removed by the returned function. */
export function tempDir(name: string): { dir: string; remove: () => void } {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `acr-helm-${name}-`));
    return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

/** The environment a Go check module builds in: module downloads allowed, no workspace. */
export const GO_CHECK_ENV = { GOFLAGS: "-mod=mod", GOWORK: "off" };

/**
 * Makes `dir` a Go module that requires the Go SDK from sdk/go (by a replace) with the Pulumi and Kubernetes Go SDKs,
 * whose checksums the engine module's go.sum already holds.
 */
export function writeGoCheckModule(dir: string, module: string): void {
    const goMod = [
        `module ${module}`,
        "",
        "go 1.25",
        "",
        "require (",
        "\texample.com/pulumi-acr-helm/sdk/go v0.0.0",
        `\t${KUBERNETES_GO_SDK}`,
        `\t${PULUMI_GO_SDK}`,
        ")",
        "",
        `replace example.com/pulumi-acr-helm/sdk/go => ${path.join(sdkDir, "go")}`,
        "",
    ];
    fs.writeFileSync(path.join(dir, "go.mod"), goMod.join("\n"));
    fs.copyFileSync(path.join(repoRoot, "scripts", "pulumi-engine", "go.sum"), path.join(dir, "go.sum"));
}
