import * as fs from "fs";

/** Whether `pid` runs: a zombie (ended, not yet reaped by whoever inherited it) counts as ended. */
export function isAlive(pid: number): boolean {
    let stat: string;
    try {
        stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return false;
    }
    return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
}

/** Waits up to `ms` for `pid` to end; returns whether it did. */
export async function ended(pid: number, ms = 5_000): Promise<boolean> {
    const deadline = Date.now() + ms;
    while (isAlive(pid)) {
        if (Date.now() > deadline) return false;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return true;
}
