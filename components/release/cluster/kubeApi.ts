import { execFile } from "child_process";
import * as https from "https";
import { promisify } from "util";
import { ClusterAccess, ExecCredentialCommand, KubeconfigError } from "./kubeconfigAccess";

/** A response of the API server: status and text, read whole. */
export interface KubeResponse {
    readonly status: number;
    readonly body: string;
}

/** The API server could not be reached or refused the request; the message never carries a credential. */
export class KubeApiError extends Error {
    constructor(
        message: string,
        readonly status?: number,
    ) {
        super(message);
        this.name = "KubeApiError";
    }
}

const REQUEST_TIMEOUT_MS = 30_000;
/** Larger answers are not from a Kubernetes API server this package talks to: refused, not buffered. */
const MAX_RESPONSE_BYTES = 64 * 1024 * 1024;

/** Requests against one cluster's API server with the kubeconfig's credential. */
export class KubeApi {
    private execToken?: Promise<ExecCredential>;

    constructor(private readonly access: ClusterAccess) {}

    async request(method: string, path: string, body?: unknown, contentType = "application/json"): Promise<KubeResponse> {
        const credential = this.access.exec ? await (this.execToken ??= runExecCredential(this.access.exec)) : undefined;
        const headers: Record<string, string> = { Accept: "application/json" };
        const token = credential?.token ?? this.access.token;
        if (token) headers.Authorization = `Bearer ${token}`;
        else if (this.access.basic)
            headers.Authorization = `Basic ${Buffer.from(`${this.access.basic.username}:${this.access.basic.password}`).toString("base64")}`;
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        if (payload) {
            headers["Content-Type"] = contentType;
            // Not chunked: Go's server leaves a chunked DELETE body unread and the next request on the connection fails.
            headers["Content-Length"] = String(payload.length);
        }
        const url = new URL(this.access.server + path);
        if (url.protocol !== "https:")
            throw new KubeApiError(`the API server ${this.access.server} is not https; only https clusters are read`);
        return new Promise<KubeResponse>((resolve, reject) => {
            const request = https.request(
                url,
                {
                    method,
                    headers,
                    ca: this.access.caPem,
                    cert: credential?.clientCertPem ?? this.access.clientCertPem,
                    key: credential?.clientKeyPem ?? this.access.clientKeyPem,
                    rejectUnauthorized: !this.access.insecureSkipTlsVerify,
                    timeout: REQUEST_TIMEOUT_MS,
                },
                (response) => {
                    const chunks: Buffer[] = [];
                    let size = 0;
                    response.on("data", (chunk: Buffer) => {
                        size += chunk.length;
                        if (size > MAX_RESPONSE_BYTES) {
                            request.destroy(new KubeApiError(`${method} ${url.pathname}: answer larger than ${MAX_RESPONSE_BYTES} bytes`));
                            return;
                        }
                        chunks.push(chunk);
                    });
                    response.on("end", () => resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }));
                    response.on("error", reject);
                },
            );
            request.on("timeout", () =>
                request.destroy(
                    new KubeApiError(`${method} ${url.pathname}: no answer from ${url.host} in ${REQUEST_TIMEOUT_MS / 1000} s`),
                ),
            );
            request.on("error", (error) =>
                reject(
                    error instanceof KubeApiError ? error : new KubeApiError(`${method} ${url.pathname} on ${url.host}: ${error.message}`),
                ),
            );
            request.end(payload);
        });
    }

    /** A JSON answer with a 2xx status; otherwise an error naming the request and the API server's reason. */
    async json<T>(method: string, path: string, body?: unknown, contentType?: string): Promise<T> {
        const response = await this.request(method, path, body, contentType);
        if (response.status < 200 || response.status > 299)
            throw new KubeApiError(`${method} ${path}: ${response.status} ${apiReason(response.body)}`, response.status);
        try {
            return JSON.parse(response.body) as T;
        } catch {
            throw new KubeApiError(`${method} ${path}: the API server's answer is not JSON`, response.status);
        }
    }
}

/** The `message` of a Kubernetes Status object, else a short prefix of the text. */
export function apiReason(body: string): string {
    try {
        const status = JSON.parse(body) as { message?: unknown };
        if (typeof status.message === "string") return status.message.slice(0, 300);
    } catch {
        // not a Status object
    }
    return body.slice(0, 200);
}

interface ExecCredential {
    token?: string;
    clientCertPem?: string;
    clientKeyPem?: string;
}

async function runExecCredential(exec: ExecCredentialCommand): Promise<ExecCredential> {
    let stdout: string;
    try {
        ({ stdout } = await promisify(execFile)(exec.command, [...exec.args], {
            env: { ...process.env, ...exec.env },
            timeout: REQUEST_TIMEOUT_MS,
            maxBuffer: 1024 * 1024,
        }));
    } catch (error) {
        const code = (error as { code?: unknown }).code;
        throw new KubeconfigError(
            `the exec credential command "${exec.command}" failed (${String(code ?? "no exit code")}); run it yourself to see why`,
        );
    }
    let status: { token?: unknown; clientCertificateData?: unknown; clientKeyData?: unknown } | undefined;
    try {
        status = (JSON.parse(stdout) as { status?: typeof status }).status;
    } catch {
        throw new KubeconfigError(`the exec credential command "${exec.command}" did not print an ExecCredential`);
    }
    const text = (value: unknown) => (typeof value === "string" && value !== "" ? value : undefined);
    const credential = {
        token: text(status?.token),
        clientCertPem: text(status?.clientCertificateData),
        clientKeyPem: text(status?.clientKeyData),
    };
    if (!credential.token && !(credential.clientCertPem && credential.clientKeyPem))
        throw new KubeconfigError(`the exec credential command "${exec.command}" printed no token or client certificate`);
    return credential;
}
