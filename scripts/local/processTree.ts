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
