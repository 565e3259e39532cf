import * as http from "http";
import { AddressInfo } from "net";

export type FaultAction =
    | { kind: "status"; status: number; headers?: Record<string, string>; body?: string }
    /** read part of the request body, then cut the connection without answering */
    | { kind: "drop" };

export interface FaultRule {
    method?: string;
    path: RegExp;
    /** how many matching requests get the fault; Infinity for all */
    times: number;
    action: FaultAction;
}

export interface ProxiedRequest {
    method: string;
    path: string;
    faulted: boolean;
}

/**
 * Loopback HTTP proxy in front of a test registry that injects faults into chosen requests
 * (5xx, 429 with Retry-After, dropped connections) and forwards everything else unchanged.
 * The Host header is kept, so the registry's Location headers point back at the proxy.
 */
export class RegistryFaultProxy {
    readonly requests: ProxiedRequest[] = [];
    private rules: FaultRule[] = [];
    private server?: http.Server;
    private readonly agent = new http.Agent({ keepAlive: false });
    host = "";

    constructor(private readonly targetPort: number) {}

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
        this.agent.destroy();
    }

    inject(rule: FaultRule): void {
        this.rules.push({ ...rule });
    }

    clear(): void {
        this.rules = [];
        this.requests.length = 0;
    }

    private takeFault(method: string, path: string): FaultAction | undefined {
        const rule = this.rules.find((r) => r.times > 0 && (!r.method || r.method === method) && r.path.test(path));
        if (!rule) return undefined;
        rule.times--;
        return rule.action;
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const method = req.method ?? "GET";
        const path = req.url ?? "/";
        const fault = this.takeFault(method, path);
        this.requests.push({ method, path, faulted: fault !== undefined });
        if (fault?.kind === "drop") {
            req.once("data", () => req.socket.destroy());
            req.once("end", () => req.socket.destroy());
            return;
        }
        if (fault?.kind === "status") {
            req.resume();
            req.once("end", () => {
                res.writeHead(fault.status, { "content-type": "application/json", ...fault.headers });
                res.end(fault.body ?? JSON.stringify({ errors: [{ code: "UNAVAILABLE", message: "injected fault" }] }));
            });
            return;
        }
        const upstream = http.request(
            { host: "127.0.0.1", port: this.targetPort, method, path, headers: req.headers, agent: this.agent },
            (upstreamRes) => {
                res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
                upstreamRes.pipe(res);
            },
        );
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
    }
}
