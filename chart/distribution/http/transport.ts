import * as http from "node:http";
import * as https from "node:https";
import type { Socket } from "node:net";
import { OperationLimits, remainingMs, TimeoutHit } from "./deadline";

export interface HttpRequest {
    method: string;
    url: URL;
    headers: Record<string, string>;
    body?: Buffer;
    /** Largest successful (2xx) response body accepted; a longer answer is cut off and fails. Default 16 MiB; error answers 1 MiB. */
    maxBodyBytes?: number;
}

export interface HttpResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
}

/** Header value as one string (first value if repeated). */
export function header(response: HttpResponse, name: string): string | undefined {
    const value = response.headers[name.toLowerCase()];
    return Array.isArray(value) ? value[0] : value;
}

export interface TransportOptions {
    /** PEM bundle trusted in addition to nothing else (replaces the default CAs, like curl --cacert). */
    caCert?: string | Buffer;
}

/** Raised when a response body is larger than the request allowed. */
export class ResponseTooLarge extends Error {
    readonly code = "RESPONSE_TOO_LARGE";

    constructor(readonly limit: number) {
        super(`response body is larger than ${limit} bytes`);
        this.name = "ResponseTooLarge";
    }
}

/**
 * Sends one request with node:http(s) over keep-alive agents owned by this transport, within the
 * operation's limits: connection set-up, silence on the socket, and the operation deadline.
 * Errors are the raw Node errors (or TimeoutHit / ResponseTooLarge); the client turns them into OciErrors.
 */
export class Transport {
    private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
    private readonly httpsAgent: https.Agent;

    constructor(options: TransportOptions = {}) {
        this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: options.caCert });
    }

    send(request: HttpRequest, limits: OperationLimits): Promise<HttpResponse> {
        const left = remainingMs(limits);
        if (left <= 0) {
            return Promise.reject(new TimeoutHit("operationTimeoutMs", limits.operationTimeoutMs, "did not complete"));
        }
        const isHttps = request.url.protocol === "https:";
        const headers: Record<string, string> = { ...request.headers, "content-length": String(request.body?.length ?? 0) };
        const options: http.RequestOptions = { method: request.method, headers, agent: isHttps ? this.httpsAgent : this.httpAgent };
        return new Promise<HttpResponse>((resolve, reject) => {
            const req = (isHttps ? https : http).request(request.url, options, (res) =>
                readBody(res, request.maxBodyBytes, req, resolve, reject),
            );
            const fail = (error: Error) => req.destroy(error);
            const deadline = setTimeout(
                () => fail(new TimeoutHit("operationTimeoutMs", limits.operationTimeoutMs, "did not complete")),
                left,
            );
            req.setTimeout(limits.timeoutMs, () => fail(new TimeoutHit("timeoutMs", limits.timeoutMs, "did not answer")));
            let stopWatching: () => void = () => undefined;
            req.on("socket", (socket) => (stopWatching = watchConnect(socket, isHttps, limits.connectTimeoutMs, fail)));
            req.on("close", () => {
                clearTimeout(deadline);
                stopWatching();
            });
            req.on("error", reject);
            req.end(request.body && request.body.length > 0 ? request.body : undefined);
        });
    }

    /** Closes idle keep-alive sockets so processes and tests can exit promptly. */
    close(): void {
        this.httpAgent.destroy();
        this.httpsAgent.destroy();
    }
}

/**
 * Sockets whose connection (and TLS handshake) is set up. The agent hands a kept-alive socket to a queued request
 * without marking it reused (req.reusedSocket), so this, not that flag, tells which sockets need no connect watch.
 */
const established = new WeakSet<Socket>();

/**
 * Fails the request when a new connection (TCP, then TLS for https) is not set up within the limit. Returns what
 * removes the watch, called when the request ends, so a socket serving many requests collects no listeners.
 */
function watchConnect(socket: Socket, isHttps: boolean, limitMs: number, fail: (error: Error) => void): () => void {
    if (established.has(socket)) return () => undefined;
    const event = isHttps ? "secureConnect" : "connect";
    const timer = setTimeout(() => fail(new TimeoutHit("connectTimeoutMs", limitMs, "did not accept the connection")), limitMs);
    const stop = () => {
        clearTimeout(timer);
        socket.off(event, connected);
        socket.off("close", stop);
    };
    const connected = () => {
        established.add(socket);
        stop();
    };
    socket.once(event, connected);
    socket.once("close", stop);
    return stop;
}

/** Without a request's own limit, no answer may exceed this; error answers are cut at ERROR_BODY_LIMIT. */
const DEFAULT_BODY_LIMIT = 16 * 1024 * 1024;
const ERROR_BODY_LIMIT = 1024 * 1024;

function readBody(
    res: http.IncomingMessage,
    maxBodyBytes: number | undefined,
    req: http.ClientRequest,
    resolve: (response: HttpResponse) => void,
    reject: (error: Error) => void,
): void {
    const ok = (res.statusCode ?? 0) >= 200 && (res.statusCode ?? 0) < 300;
    const limit = ok ? (maxBodyBytes ?? DEFAULT_BODY_LIMIT) : ERROR_BODY_LIMIT;
    let failed = false;
    const tooLarge = () => {
        if (failed) return;
        failed = true;
        reject(new ResponseTooLarge(limit));
        res.destroy();
        req.destroy();
    };
    if (Number(res.headers["content-length"] ?? 0) > limit) {
        tooLarge();
        return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > limit) tooLarge();
        else chunks.push(chunk);
    });
    res.on("error", reject);
    res.on("aborted", () => reject(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
    res.on("end", () => {
        if (!failed) resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) });
    });
}
