import { ChildProcess, spawn } from "child_process";
import * as fs from "fs";
import { killAllChildrenNow, registerChild } from "./liveChildren";

/** A long-running child process whose output goes to a log file. */
export interface ManagedProcess {
    readonly name: string;
    readonly pid: number | undefined;
    /** Exit code or signal once the process has ended, undefined while it runs. */
    exitStatus(): string | undefined;
    /** Last lines of the process log, with every string in `redact` replaced. */
    logTail(lines?: number): string;
    /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process has exited. */
    stop(graceMs?: number): Promise<void>;
}

export interface StartProcessOptions {
    name: string;
    command: string;
    args: string[];
    logFile: string;
    /** Variables added to this process's environment. */
    env?: Record<string, string>;
    /** Values that must never appear in error messages built from the log (tokens). */
    redact?: string[];
}

/** Synchronous clean-ups (e.g. removing a temporary directory) run on exit after the children are killed. */
const exitCleanups = new Set<() => void>();
let exitHookInstalled = false;

function killLeftoversOnExit(): void {
    if (exitHookInstalled) return;
    exitHookInstalled = true;
    process.once("exit", () => {
        killAllChildrenNow();
        for (const cleanup of exitCleanups) cleanup();
    });
}

/** Runs `cleanup` if the process exits before the returned function is called, after the children are killed. */
export function cleanUpOnExit(cleanup: () => void): () => void {
    killLeftoversOnExit();
    exitCleanups.add(cleanup);
    return () => exitCleanups.delete(cleanup);
}

export function startProcess(options: StartProcessOptions): ManagedProcess {
    const log = fs.openSync(options.logFile, "a");
    // A process group of its own, so that whatever it starts is stopped with it (liveChildren.ts).
    const child = spawn(options.command, options.args, {
        stdio: ["ignore", log, log],
        env: options.env ? { ...process.env, ...options.env } : process.env,
        detached: true,
    });
    fs.closeSync(log);
    const forget = child.pid === undefined ? () => undefined : registerChild(options.name, child.pid, true);
    killLeftoversOnExit();
    let exitStatus: string | undefined;
    const exited = new Promise<void>((resolve) => {
        child.once("exit", (code, signal) => {
            exitStatus = signal ? `signal ${signal}` : `exit code ${code}`;
            forget();
            resolve();
        });
        child.once("error", (err) => {
            exitStatus = `failed to start: ${err.message}`;
            forget();
            resolve();
        });
    });
    return {
        name: options.name,
        pid: child.pid,
        exitStatus: () => exitStatus,
        logTail: (lines = 30) => readLogTail(options.logFile, lines, options.redact ?? []),
        stop: (graceMs = 10_000) => stopChild(child, exited, () => exitStatus !== undefined, graceMs),
    };
}

async function stopChild(child: ChildProcess, exited: Promise<void>, hasExited: () => boolean, graceMs: number) {
    if (hasExited()) {
        return;
    }
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
    try {
        await exited;
    } finally {
        clearTimeout(timer);
    }
}

function readLogTail(file: string, lines: number, redact: string[]): string {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return "";
    }
    for (const secret of redact.filter((s) => s.length > 0)) {
        text = text.split(secret).join("[redacted]");
    }
    return text.trimEnd().split("\n").slice(-lines).join("\n");
}
