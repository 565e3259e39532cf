import { header, HttpResponse } from "./transport";

export interface RetryOptions {
    /** Total attempts per request, including the first. Default 4. */
    maxAttempts?: number;
    /** First backoff delay in ms, doubled per attempt. Default 250. */
    baseDelayMs?: number;
    /** Upper bound of one backoff delay in ms. Default 8000. */
    maxDelayMs?: number;
    /** Upper bound for a server's Retry-After in ms, so a hostile or confused server cannot stall us. Default 30000. */
    maxRetryAfterMs?: number;
}

export type ResolvedRetryOptions = Required<RetryOptions>;

export function resolveRetryOptions(options: RetryOptions | undefined): ResolvedRetryOptions {
    return {
        maxAttempts: Math.max(1, options?.maxAttempts ?? 4),
        baseDelayMs: options?.baseDelayMs ?? 250,
        maxDelayMs: options?.maxDelayMs ?? 8000,
        maxRetryAfterMs: options?.maxRetryAfterMs ?? 30_000,
    };
}

export function isRetryableStatus(status: number): boolean {
    return status === 429 || status === 502 || status === 503 || status === 504 || status === 500;
}

/** Retry-After as delta-seconds or HTTP date, in ms; undefined when absent or unparsable. */
export function retryAfterMs(response: HttpResponse, now = Date.now()): number | undefined {
    const value = header(response, "retry-after");
    if (!value) {
        return undefined;
    }
    if (/^\d+$/.test(value.trim())) {
        return Number(value.trim()) * 1000;
    }
    const date = Date.parse(value);
    return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Exponential backoff for attempt n (1-based) with ±20 % jitter, or the server's capped Retry-After. */
export function backoffDelayMs(attempt: number, options: ResolvedRetryOptions, response?: HttpResponse): number {
    const serverDelay = response ? retryAfterMs(response) : undefined;
    if (serverDelay !== undefined) {
        return Math.min(serverDelay, options.maxRetryAfterMs);
    }
    const exponential = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
    return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

export function sleep(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}
