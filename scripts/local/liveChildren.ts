import { AsyncLocalStorage } from "async_hooks";
import { killTree, stopTrees } from "./processTree";

/**
 * Every long-running process the test helpers start (registries, etcd, API servers, KWOK, Azurite, `pulumi`...) is
 * registered here while it runs, with the test or hook that started it. Whatever is still registered is stopped
 * with its whole process tree when the starter times out (stopChildrenOf), when a suite deadline fires
 * (stopAllChildren), when this process gets SIGINT, SIGTERM or SIGHUP, and when it exits (SIGKILL, synchronously).
 */
export interface LiveChild {
    readonly name: string;
    readonly pid: number;
    /** Whether the child leads a process group of its own (spawned detached), which is then killed whole. */
    readonly group: boolean;
    /** The test or hook that started it (see startedBy), if any. */
    readonly owner: object | undefined;
}

/** Time a stopped tree gets between SIGTERM and SIGKILL. */
export const STOP_GRACE_MS = 3_000;

const live = new Set<LiveChild>();
const owners = new AsyncLocalStorage<object | undefined>();
const abandoned = new WeakSet<object>();
let hooksInstalled = false;

/**
 * Makes `owner` the owner of every child registered from here on in this asynchronous context and the work it
 * schedules (mocha's runner calls the test's function after this).
 */
export function startedBy(owner: object | undefined): void {
    owners.enterWith(owner);
}

/** Registers a started child until the returned function is called (when it has exited). */
export function registerChild(name: string, pid: number, group: boolean): () => void {
    installHooks();
    const child: LiveChild = { name, pid, group, owner: owners.getStore() };
    live.add(child);
    // Started by a test that has already timed out: nobody is left to stop it.
    if (child.owner !== undefined && abandoned.has(child.owner)) void stopTrees([child], STOP_GRACE_MS);
    return () => live.delete(child);
}

export function liveChildren(): LiveChild[] {
    return [...live];
}

/** Stops what `owner` started and still runs, and whatever it starts later (it timed out: nobody else will). */
export function stopChildrenOf(owner: object, graceMs = STOP_GRACE_MS): Promise<void> {
    abandoned.add(owner);
    return stopTrees(
        liveChildren().filter((child) => child.owner === owner),
        graceMs,
    );
}

/** Stops every registered child and its process tree: SIGTERM, then SIGKILL after `graceMs`. */
export function stopAllChildren(graceMs = STOP_GRACE_MS): Promise<void> {
    return stopTrees(liveChildren(), graceMs);
}

/** SIGKILL to every registered process tree at once: all that can be done while the process exits. */
export function killAllChildrenNow(): void {
    for (const child of live) killTree(child.pid, child.group);
    live.clear();
}

function installHooks(): void {
    if (hooksInstalled) return;
    hooksInstalled = true;
    process.once("exit", killAllChildrenNow);
    for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
        // Listening until the trees are stopped, so that nobody else ends this process by raising the signal again.
        let stopping = false;
        const onSignal = () => {
            if (stopping) return;
            stopping = true;
            void stopAllChildren().then(() => {
                process.removeListener(signal, onSignal);
                // Ends this process as the signal would have, unless someone else listens for it.
                if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
            });
        };
        process.on(signal, onSignal);
    }
}
