import { AsyncLocalStorage } from "node:async_hooks";

/** How long the client waits for a registry. All three bound every public call, so a dead registry fails fast. */
export interface TimeoutOptions {
    /** TCP (and TLS) connection set-up, in ms. Default 10000. */
    connectTimeoutMs?: number;
    /** Silence allowed on one request (nothing sent or received), in ms. Such a request is not retried. Default 20000. */
    timeoutMs?: number;
    /** Deadline for one whole operation (push, pull, list, ...) including retries and token requests, in ms. Default 60000. */
    operationTimeoutMs?: number;
}

export type ResolvedTimeouts = Required<TimeoutOptions>;

export const DEFAULT_TIMEOUTS: ResolvedTimeouts = { connectTimeoutMs: 10_000, timeoutMs: 20_000, operationTimeoutMs: 60_000 };

/** The option a user changes when a limit is hit; named in the error message. */
export type TimeoutSetting = keyof TimeoutOptions;

function positive(value: number | undefined, name: string, fallback: number): number {
    if (value === undefined) return fallback;
    if (!Number.isFinite(value) || value <= 0) {
        throw new RangeError(`${name} must be a positive number of milliseconds (got ${value}).`);
    }
    return value;
}

/** The caller's values over the fallback's, each checked to be a positive number. */
export function resolveTimeouts(options: TimeoutOptions | undefined, fallback: ResolvedTimeouts = DEFAULT_TIMEOUTS): ResolvedTimeouts {
    return {
        connectTimeoutMs: positive(options?.connectTimeoutMs, "connectTimeoutMs", fallback.connectTimeoutMs),
        timeoutMs: positive(options?.timeoutMs, "timeoutMs", fallback.timeoutMs),
        operationTimeoutMs: positive(options?.operationTimeoutMs, "operationTimeoutMs", fallback.operationTimeoutMs),
    };
}

/** The limits of the operation in progress: its timeouts and the absolute time (epoch ms) it must end by. */
export interface OperationLimits extends ResolvedTimeouts {
    deadlineAt: number;
}

const current = new AsyncLocalStorage<OperationLimits>();

/**
 * Runs `fn` as one operation with its own deadline. Every request, retry wait and token fetch inside it
 * sees the same deadline; a nested call keeps the outer (earlier) one.
 */
export function runWithDeadline<T>(timeouts: ResolvedTimeouts, fn: () => Promise<T>): Promise<T> {
    if (current.getStore()) return fn();
    return current.run({ ...timeouts, deadlineAt: Date.now() + timeouts.operationTimeoutMs }, fn);
}

/** Limits of the operation in progress, if any. */
export function currentLimits(): OperationLimits | undefined {
    return current.getStore();
}

/** Milliseconds left before the operation's deadline (0 when passed). */
export function remainingMs(limits: OperationLimits, now = Date.now()): number {
    return Math.max(0, limits.deadlineAt - now);
}

/** A Node-style error raised when a limit is hit; the client turns it into an OciError naming the setting. */
export class TimeoutHit extends Error {
    readonly code = "TIMEOUT";

    constructor(
        readonly setting: TimeoutSetting,
        readonly limitMs: number,
        /** what the registry did not do in time, e.g. "did not accept the connection"; unused for the operation deadline */
        readonly what: string,
        /** the last failure before the deadline, when retries were cut short */
        readonly lastFailure?: string,
    ) {
        super(`${what} within ${formatSeconds(limitMs)} (${setting})`);
        this.name = "TimeoutHit";
    }
}

export function formatSeconds(ms: number): string {
    const seconds = ms / 1000;
    return `${Number.isInteger(seconds) ? seconds : seconds.toFixed(1)} s`;
}

/**
 * Waits `ms` before a retry, unless that would run past the deadline: then throws a TimeoutHit
 * right away (describing the last failure) instead of sleeping into a certain failure.
 */
export async function waitBeforeRetry(ms: number, lastFailure: string): Promise<void> {
    const limits = currentLimits();
    if (limits && ms >= remainingMs(limits)) {
        throw new TimeoutHit("operationTimeoutMs", limits.operationTimeoutMs, "did not complete", lastFailure);
    }
    await new Promise((resolve) => setTimeout(resolve, ms));
}
