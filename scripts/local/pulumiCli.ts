import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { findRepoRoot, toolsBinDir } from "./tools";

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
    /** Directory of the `file://` state backend. */
    readonly backendDir: string;
    /** Passphrase of the passphrase secrets provider; a secret. */
    readonly passphrase: string;
    /** Extra environment for every run (e.g. SSL_CERT_FILE for a local registry). */
    readonly env?: Record<string, string>;
}

export interface RunOptions {
    /** Text written to the command's standard input (e.g. a secret config value). */
    readonly input?: string;
    /** Called with each chunk of output as it arrives. */
    readonly onOutput?: (chunk: string) => void;
    /** Called with the child's process id once it started. */
    readonly onStart?: (pid: number) => void;
}

/** `.tools/pulumi-home`: the PULUMI_HOME set up by scripts/setup-tools.sh, holding the plugins it registered. */
export function pulumiHome(): string {
    return path.join(findRepoRoot(), ".tools", "pulumi-home");
}

/** The Pulumi CLI that scripts/setup-tools.sh linked, else the one on PATH. */
export function pulumiBinary(): string {
    const linked = path.join(toolsBinDir(), "pulumi");
    if (fs.existsSync(linked)) return linked;
    return "pulumi";
}

/**
 * Runs the real Pulumi CLI offline and quietly: a `file://` backend, the passphrase secrets provider, no update
 * check, no plugin downloads and no plugins from PATH.
 */
export class PulumiWorkspace {
    constructor(private readonly options: PulumiWorkspaceOptions) {
        fs.mkdirSync(options.backendDir, { recursive: true });
    }

    get projectDir(): string {
        return this.options.projectDir;
    }

    environment(): NodeJS.ProcessEnv {
        return {
            ...process.env,
            PATH: `${toolsBinDir()}${path.delimiter}${process.env.PATH ?? ""}`,
            PULUMI_HOME: pulumiHome(),
            PULUMI_BACKEND_URL: `file://${this.options.backendDir}`,
            PULUMI_CONFIG_PASSPHRASE: this.options.passphrase,
            PULUMI_SKIP_UPDATE_CHECK: "true",
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            PULUMI_IGNORE_AMBIENT_PLUGINS: "true",
            PULUMI_SKIP_CONFIRMATIONS: "true",
            PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
            ...this.options.env,
        };
    }

    /** Runs `pulumi <args>` in the project directory; resolves with the exit status, never rejects on a failure exit. */
    run(args: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
        const child = spawn(pulumiBinary(), withQuietFlags(args), {
            cwd: this.options.projectDir,
            env: this.environment(),
            stdio: ["pipe", "pipe", "pipe"],
        });
        if (child.pid !== undefined) options.onStart?.(child.pid);
        let stdout = "";
        let stderr = "";
        let output = "";
        child.stdout.on("data", (chunk: Buffer) => {
            stdout += chunk.toString();
            output += chunk.toString();
            options.onOutput?.(chunk.toString());
        });
        child.stderr.on("data", (chunk: Buffer) => {
            stderr += chunk.toString();
            output += chunk.toString();
            options.onOutput?.(chunk.toString());
        });
        child.stdin.end(options.input ?? "");
        return new Promise((resolve, reject) => {
            child.once("error", reject);
            child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr, output }));
        });
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

/** Adds the flags every run needs before any `--`, after which everything is a positional value. */
function withQuietFlags(args: string[]): string[] {
    const end = args.indexOf("--");
    const flags = ["--non-interactive", "--color", "never"];
    return end === -1 ? [...args, ...flags] : [...args.slice(0, end), ...flags, ...args.slice(end)];
}
