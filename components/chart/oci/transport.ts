import * as http from "node:http";
import * as https from "node:https";

export interface HttpRequest {
  method: string;
  url: URL;
  headers: Record<string, string>;
  body?: Buffer;
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
  /** Per-request inactivity timeout in milliseconds. */
  timeoutMs?: number;
}

/**
 * Sends one request with node:http(s) over keep-alive agents owned by this transport.
 * Errors are the raw Node errors; the caller reduces them to code+message before rethrowing.
 */
export class Transport {
  private readonly httpAgent = new http.Agent({ keepAlive: true, maxSockets: 8 });
  private readonly httpsAgent: https.Agent;
  private readonly timeoutMs: number;

  constructor(options: TransportOptions = {}) {
    this.httpsAgent = new https.Agent({ keepAlive: true, maxSockets: 8, ca: options.caCert });
    this.timeoutMs = options.timeoutMs ?? 120_000;
  }

  send(request: HttpRequest): Promise<HttpResponse> {
    const isHttps = request.url.protocol === "https:";
    const headers: Record<string, string> = { ...request.headers };
    headers["content-length"] = String(request.body?.length ?? 0);
    const options: http.RequestOptions = {
      method: request.method,
      headers,
      agent: isHttps ? this.httpsAgent : this.httpAgent,
      timeout: this.timeoutMs,
    };
    return new Promise<HttpResponse>((resolve, reject) => {
      const req = (isHttps ? https : http).request(request.url, options, (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("error", reject);
        res.on("aborted", () => reject(Object.assign(new Error("response aborted"), { code: "ECONNRESET" })));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      });
      req.on("timeout", () => req.destroy(Object.assign(new Error("request timed out"), { code: "ETIMEDOUT" })));
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
