import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { registerChild } from "../../../scripts/local/liveChildren";

export interface HelmOutcome {
    ok: boolean;
    /** stdout when ok, else stderr (or the spawn error) */
    output: string;
}

/** One Helm binary with private config, cache and data homes; `run` never throws on a Helm failure. */
export class HelmRunner {
    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-parity-home-"));

    constructor(
        readonly label: string,
        private readonly binary: string,
    ) {}

    run(args: string[], cwd = this.home): Promise<HelmOutcome> {
        const env = {
            PATH: process.env.PATH,
            HOME: this.home,
            HELM_CONFIG_HOME: path.join(this.home, "config"),
            HELM_CACHE_HOME: path.join(this.home, "cache"),
            HELM_DATA_HOME: path.join(this.home, "data"),
        };
        return new Promise((resolve) => {
            const child = execFile(
                this.binary,
                args,
                { env, cwd, timeout: 60_000, maxBuffer: 64 * 1024 * 1024 },
                (error, stdout, stderr) => {
                    resolve(error ? { ok: false, output: stderr || error.message } : { ok: true, output: stdout });
                },
            );
            // A live child (scripts/local/liveChildren.ts), stopped with the rest when the suite's deadline fires.
            if (child.pid !== undefined) child.once("exit", registerChild(this.label, child.pid, false));
        });
    }

    cleanup(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}

/** Runs `tasks` with at most `limit` in flight; results keep the tasks' order. */
export async function runLimited<T>(tasks: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
    const results: T[] = new Array(tasks.length);
    let next = 0;
    const worker = async () => {
        while (next < tasks.length) {
            const index = next++;
            results[index] = await tasks[index]();
        }
    };
    await Promise.all(Array.from({ length: Math.min(limit, tasks.length) }, worker));
    return results;
}
