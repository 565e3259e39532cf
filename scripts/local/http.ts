import * as http from "http";
import * as https from "https";

export interface HttpResult {
    status: number;
    body: string;
}

export interface RequestOptions {
    method?: string;
    /** PEM CA bundle that must have signed the server certificate (https only). */
    ca?: string;
    bearerToken?: string;
    body?: string;
    timeoutMs?: number;
}

/** One HTTP(S) request; resolves with status and body whatever the status is. */
export function request(url: string, options: RequestOptions = {}): Promise<HttpResult> {
    const target = new URL(url);
    const client = target.protocol === "https:" ? https : http;
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.bearerToken) {
        headers.Authorization = `Bearer ${options.bearerToken}`;
    }
    if (options.body !== undefined) {
        headers["Content-Type"] = "application/json";
    }
    return new Promise((resolve, reject) => {
        const req = client.request(
            target,
            { method: options.method ?? "GET", headers, ca: options.ca, timeout: options.timeoutMs ?? 10_000 },
            (res) => {
                const chunks: Buffer[] = [];
                res.on("data", (chunk: Buffer) => chunks.push(chunk));
                res.on("end", () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
                res.on("error", reject);
            },
        );
        req.on("timeout", () => req.destroy(new Error(`${options.method ?? "GET"} ${target.pathname} timed out`)));
        req.on("error", reject);
        req.end(options.body);
    });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Polls `probe` until it returns true. Before each attempt `abortReason` may return a reason to give up
 * (e.g. the server process exited); the returned error names `what` and the reason.
 */
export async function waitUntil(
    what: string,
    probe: () => Promise<boolean>,
    timeoutMs: number,
    abortReason: () => string | undefined = () => undefined,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    let lastError = "";
    while (Date.now() < deadline) {
        const reason = abortReason();
        if (reason) {
            throw new Error(`${what}: ${reason}`);
        }
        try {
            if (await probe()) {
                return;
            }
        } catch (err) {
            lastError = (err as Error).message;
        }
        await sleep(250);
    }
    throw new Error(`${what}: not ready after ${timeoutMs} ms${lastError ? ` (last error: ${lastError})` : ""}`);
}
