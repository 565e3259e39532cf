/**
 * A child spawned detached (in a process group of its own, so that it can be killed whole) no longer gets the
 * terminal's Ctrl-C: the first SIGINT, SIGTERM or SIGHUP this process receives is passed on to those groups,
 * then acts as it would have (ending this process, unless someone else listens for it).
 */
const groups = new Set<number>();
let installed = false;

/** Forwards signals to the process group `pid` leads until the returned function is called. */
export function forwardSignals(pid: number): () => void {
    groups.add(pid);
    if (!installed) {
        installed = true;
        for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) process.once(signal, () => forward(signal));
    }
    return () => groups.delete(pid);
}

function forward(signal: NodeJS.Signals): void {
    for (const pid of groups) {
        try {
            process.kill(-pid, signal);
        } catch {
            // the group has ended
        }
    }
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}
