import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { registerChild } from "./liveChildren";
import { killTree } from "./processTree";
import { forwardSignals } from "./signalForwarding";
import { findRepoRoot, installedTool, toolsBinDir } from "./tools";

/** How long one `pulumi` command may run before its process tree is killed, unless a run or workspace says otherwise. */
export const DEFAULT_PULUMI_TIMEOUT_MS = 10 * 60_000;

export interface PulumiRunResult {
    readonly code: number | null;
    readonly signal: NodeJS.Signals | null;
    readonly stdout: string;
    readonly stderr: string;
    /** Standard output and error in the order they arrived. */
    readonly output: string;
}

export interface PulumiWorkspaceOptions {
    /** Directory holding Pulumi.yaml. */
    readonly projectDir: string;
    /** Directory of a `file://` state backend; needed unless `backendUrl` is given. */
    readonly backendDir?: string;
    /** Any other state backend, e.g. `azblob://state` (with its access in `env`); overrides `backendDir`. */
    readonly backendUrl?: string;
    /** Passphrase of the passphrase secrets provider; a secret. */
    readonly passphrase: string;
    /** Extra environment for every run (e.g. SSL_CERT_FILE for a local registry). */
    readonly env?: Record<string, string>;
    /** Time limit of every run (default DEFAULT_PULUMI_TIMEOUT_MS). */
    readonly timeoutMs?: number;
    /** The CLI to run (default: pulumiBinary()). */
    readonly binary?: string;
}

export interface RunOptions {
    /** Text written to the command's standard input (e.g. a secret config value). */
    readonly input?: string;
    /** Called with each chunk of output as it arrives. */
    readonly onOutput?: (chunk: string) => void;
    /** Called with the child's process id once it started. */
    readonly onStart?: (pid: number) => void;
    /** Time limit of this run; past it the process tree is killed and the run rejects with the output so far. */
    readonly timeoutMs?: number;
}

/** `.tools/pulumi-home`: the PULUMI_HOME set up by scripts/setup-tools.sh, holding the plugins it registered. */
export function pulumiHome(): string {
    return path.join(findRepoRoot(), ".tools", "pulumi-home");
}

/** The Pulumi CLI that scripts/setup-tools.sh linked (never another one on PATH, whose version nothing checks). */
export function pulumiBinary(): string {
    return installedTool("pulumi");
}

/**
 * Runs the real Pulumi CLI offline and quietly: a `file://` backend, the passphrase secrets provider, no update
 * check, no plugin downloads and no plugins from PATH.
 */
export class PulumiWorkspace {
    constructor(private readonly options: PulumiWorkspaceOptions) {
        if (options.backendUrl === undefined && options.backendDir === undefined) {
            throw new Error("PulumiWorkspace needs a backendDir (file:// state) or a backendUrl");
        }
        if (options.backendDir !== undefined) fs.mkdirSync(options.backendDir, { recursive: true });
    }

    get projectDir(): string {
        return this.options.projectDir;
    }

    environment(): NodeJS.ProcessEnv {
        return {
            ...process.env,
            PATH: `${toolsBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: pulumiHome(),
            PULUMI_BACKEND_URL: this.options.backendUrl ?? `file://${this.options.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: this.options.passphrase,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            ...this.options.env,
        };
    }

    /**
     * Runs `pulumi <args>` in the project directory; resolves with the exit status, never rejects on a failure exit.
     * It rejects when the run outlasts its time limit, after killing pulumi and the plugins it started.
     */
    run(args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
        // A process group of its own, so that a timeout can kill it whole (the engine's plugins included).
        const child = spawn(this.options.binary ?? pulumiBinary(), withQuietFlags(args), {
            cwd: this.options.projectDir,
            env: this.environment(),
            stdio: ["pipe", "pipe", "pipe"],
            detached: true,
        });
        const pid = child.pid;
        const forget = pid === undefined ? () => undefined : untilSettled(pid);
        if (pid !== undefined) options.onStart?.(pid);
        let stdout = "";
        let stderr = "";
        let output = "";
        const collect = (append: (text: string) => void) => (chunk: Buffer) => {
            append(chunk.toString());
            output += chunk.toString();
            options.onOutput?.(chunk.toString());
        };
        child.stdout.on(
            "data",
            collect((text) => (stdout += text)),
        );
        child.stderr.on(
            "data",
            collect((text) => (stderr += text)),
        );
        // pulumi may exit without reading its input (most commands never do): writing to it then fails with EPIPE,
        // which must not crash the caller; the run's exit code and output tell what happened.
        child.stdin.on("error", (error: NodeJS.ErrnoException) => {
            if (error.code !== "EPIPE") output += `\n(standard input of pulumi failed: ${error.message})\n`;
        });
        child.stdin.end(options.input ?? "");
        const limitMs = options.timeoutMs ?? this.options.timeoutMs ?? DEFAULT_PULUMI_TIMEOUT_MS;
        const timedOut = () =>
            new Error(`pulumi ${args.join(" ")} did not finish within ${limitMs / 1000} s and was killed; output so far:\n${output}`);
        return settled(child, { limitMs, timedOut, forget }, () => ({ stdout, stderr, output }));
    }

    /** Like run, but throws with the command's output when it exits non-zero. */
    async expectSuccess(args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
        const result = await this.run(args, options);
        if (result.code !== 0) {
            throw new Error(`pulumi ${args.join(" ")} exited with ${result.code ?? result.signal}:\n${result.output}`);
        }
        return result;
    }
}

/**
 * While a run lasts, Ctrl-C reaches its process group, and it is a live child (liveChildren.ts): a test timeout, a
 * suite deadline or the exit stops it with its plugins.
 */
function untilSettled(pid: number): () => void {
    const stopForwarding = forwardSignals(pid);
    const forget = registerChild("pulumi", pid, true);
    return () => {
        stopForwarding();
        forget();
    };
}

interface Limit {
    readonly limitMs: number;
    readonly timedOut: () => Error;
    /** called once the run has settled, either way */
    readonly forget: () => void;
}

/** The run's result once its pipes close; past `limitMs` the process tree is killed and it rejects with `timedOut()`. */
function settled(
    child: ChildProcessWithoutNullStreams,
    { limitMs, timedOut, forget }: Limit,
    captured: () => Pick<PulumiRunResult, "stdout" | "stderr" | "output">,
): Promise<PulumiRunResult> {
    let exited = false;
    child.once("exit", () => (exited = true));
    return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
            if (child.pid !== undefined) killTree(child.pid, true);
            // Not waiting for "close": a plugin that escaped the kill could hold the pipes open.
            const fail = () => {
                forget();
                child.stdout.destroy();
                child.stderr.destroy();
                reject(timedOut());
            };
            if (exited) fail();
            else child.once("exit", fail);
        }, limitMs);
        child.once("error", (error) => {
            clearTimeout(timer);
            forget();
            reject(error);
        });
        child.once("close", (code, signal) => {
            clearTimeout(timer);
            forget();
            resolve({ code, signal, ...captured() });
        });
    });
}

/** Adds the flags every run needs before any `--`, after which everything is a positional value. */
function withQuietFlags(args: string[]): string[] {
    const end = args.indexOf("--");
    const flags = ["--non-interactive", "--color", "never"];
    return end === -1 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}
