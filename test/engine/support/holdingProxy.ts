import * as http from "http";
import { AddressInfo } from "net";

/**
 * A loopback proxy in front of a registry that forwards every request but holds the first one matching `hold`
 * without answering, so a test can interrupt a push at that exact point.
 */
export class HoldingProxy {
    host = "";
    private server?: http.Server;
    private heldResolve?: () => void;
    /** Resolves once a matching request arrived and is being held. */
    readonly held: Promise<void>;
    private holding = true;

    constructor(
        private readonly targetPort: number,
        private readonly hold: { method: string; path: RegExp },
    ) {
        this.held = new Promise((resolve) => (this.heldResolve = resolve));
    }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => this.handle(req, res));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    /** From now on forward everything, including requests matching `hold`. */
    passThrough(): void {
        this.holding = false;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        if (this.holding && req.method === this.hold.method && this.hold.path.test(req.url ?? "")) {
            req.resume();
            this.heldResolve?.();
            return;
        }
        const upstream = http.request(
            { host: "127.0.0.1", port: this.targetPort, method: req.method, path: req.url, headers: req.headers },
            (upstreamRes) => {
                res.writeHead(upstreamRes.statusCode ?? 502, upstreamRes.headers);
                upstreamRes.pipe(res);
            },
        );
        upstream.on("error", () => res.destroy());
        req.pipe(upstream);
    }
}
