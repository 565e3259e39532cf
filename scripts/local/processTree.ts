import * as fs from "fs";

/** Process ids of every live descendant of `pid`, read from /proc (Linux). */
export function descendantPids(pid: number): number[] {
    const children = new Map<number, number[]>();
    for (const entry of fs.readdirSync("/proc")) {
        if (!/^\d+$/.test(entry)) continue;
        try {
            // The command name in field 2 is in parentheses and may hold spaces: the parent id follows the last ')'.
            const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
            const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
            children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
        } catch {
            // the process ended while the table was read
        }
    }
    const found: number[] = [];
    const visit = (parent: number) => {
        for (const child of children.get(parent) ?? []) {
            found.push(child);
            visit(child);
        }
    };
    visit(pid);
    return found;
}

/**
 * SIGKILL to a process and all its descendants at once, as a machine crash or a cancelled CI job would; with
 * `group`, also to every process left in its process group (the descendants whose parent already died).
 */
export function killTree(pid: number, group = false): void {
    for (const target of [pid, ...descendantPids(pid), ...(group ? [-pid] : [])]) {
        try {
            process.kill(target, "SIGKILL");
        } catch {
            // already gone
        }
    }
}

/** Whether `pid` runs: a zombie (ended, not yet reaped) counts as ended. */
export function isRunning(pid: number): boolean {
    let stat: string;
    try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return false;
    }
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

/** A process to stop with its descendants; `group` when it leads a process group of its own. */
export interface TreeRoot {
    readonly pid: number;
    readonly group: boolean;
}

/**
 * SIGTERM to each root, its descendants and (with `group`) its process group; SIGKILL to the same once `graceMs`
 * have passed with any of them still running. The descendants are listed first: once their parent has died, the
 * ones in a session of their own (pulumi's plugins) could no longer be found.
 */
export async function stopTrees(roots: readonly TreeRoot[], graceMs: number): Promise<void> {
    const pids = roots.flatMap((root) => [root.pid, ...descendantPids(root.pid)]);
    const groups = roots.filter((root) => root.group).map((root) => -root.pid);
    const signal = (name: NodeJS.Signals, targets: number[]) => {
        for (const target of targets) {
            try {
                process.kill(target, name);
            } catch {
                // already gone
            }
        }
    };
    signal("SIGTERM", [...pids, ...groups]);
    const deadline = Date.now() + graceMs;
    while (pids.some(isRunning) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
    // An ended process's id may already be another's: only the ones still running, and the groups, are killed.
    signal("SIGKILL", [...pids.filter(isRunning), ...groups]);
}
