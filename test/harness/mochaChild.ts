import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../support/paths";

const MOCHA = path.join(repoRoot, "node_modules", "mocha", "bin", "mocha.js");

/** A mocha run in a child process, watched while it runs. */
export interface MochaChild {
    readonly process: ChildProcess;
    /** Standard output and error so far. */
    output(): string;
    /** Exit code, or the signal that ended it; the run is SIGKILLed past `limitMs`. */
    exited(limitMs: number): Promise<number | NodeJS.Signals | null>;
}

/** Starts mocha on the spec `body` written to `work`, with the repository's .mocharc.json settings (its requires kept). */
export function startMocha(work: string, body: string): MochaChild {
    const repoConfig = JSON.parse(fs.readFileSync(path.join(repoRoot, ".mocharc.json"), "utf8"));
    const requires = (repoConfig.require ?? []).map((file: string) => path.resolve(repoRoot, file));
    const spec = path.join(work, "child.test.js");
    fs.writeFileSync(spec, body);
    fs.writeFileSync(path.join(work, "mocharc.json"), JSON.stringify({ ...repoConfig, spec: [spec], require: requires }));
    const child = spawn(process.execPath, [MOCHA, "--config", path.join(work, "mocharc.json")], {
        cwd: work,
        stdio: ["ignore", "pipe", "pipe"],
        env: { ...process.env, ACR_HELM_SUITE_LIMIT_MINUTES: "" },
    });
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const ended = new Promise<number | NodeJS.Signals | null>((resolve) => child.once("exit", (code, signal) => resolve(code ?? signal)));
    return {
        process: child,
        output: () => output,
        exited: (limitMs) => {
            const timer = setTimeout(() => child.kill("SIGKILL"), limitMs);
            return ended.finally(() => clearTimeout(timer));
        },
    };
}
