import * as http from "http";
import { AddressInfo } from "net";

/** What the gate saw of the manifest PUTs to one tag. */
export interface GateRound {
    path: string;
    /** PUTs held before the gate opened */
    held: number;
    /** true when the gate opened because enough PUTs arrived, false when it gave up waiting */
    together: boolean;
    /** PUTs to the path after the gate opened (retries), forwarded at once */
    later: number;
}

/**
 * A loopback proxy in front of a registry that holds each manifest PUT until `writers` PUTs to the same path
 * have arrived, then forwards them all at once: two writers of one version are made to overlap at the registry,
 * instead of hoping they do. After `timeoutMs` a lone PUT is forwarded and its round marked `together: false`.
 * Later PUTs to a path whose gate has opened (retries) pass straight through.
 */
export class ManifestPutGate {
    readonly rounds: GateRound[] = [];
    host = "";
    private readonly waiting = new Map<string, { round: GateRound; release: (() => void)[]; timer: NodeJS.Timeout }>();
    private readonly agent = new http.Agent({ keepAlive: false });
    private readonly server = http.createServer((req, res) => this.handle(req, res));

    constructor(
        private readonly targetPort: number,
        private readonly writers = 2,
        private readonly timeoutMs = 20_000,
    ) {}

    async start(): Promise<this> {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        for (const path of [...this.waiting.keys()]) this.open(path, false);
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        this.agent.destroy();
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const path = req.url ?? "/";
        if (req.method !== "PUT" || !/\/manifests\/[^/]+$/.test(path)) return this.forward(req, res);
        // Read the body now: a held request must not stall its sender's upload.
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => this.hold(path, () => this.forward(req, res, Buffer.concat(chunks))));
    }

    private hold(path: string, release: () => void): void {
        const opened = this.rounds.find((r) => r.path === path && !this.waiting.has(path));
        if (opened) {
            opened.later++;
            return release();
        }
        let entry = this.waiting.get(path);
        if (!entry) {
            const round: GateRound = { path, held: 0, together: false, later: 0 };
            this.rounds.push(round);
            entry = { round, release: [], timer: setTimeout(() => this.open(path, false), this.timeoutMs) };
            this.waiting.set(path, entry);
        }
        entry.round.held++;
        entry.release.push(release);
        if (entry.release.length >= this.writers) this.open(path, true);
    }

    private open(path: string, together: boolean): void {
        const entry = this.waiting.get(path);
        if (!entry) return;
        this.waiting.delete(path);
        clearTimeout(entry.timer);
        entry.round.together = together;
        for (const release of entry.release) release();
    }

    private forward(req: http.IncomingMessage, res: http.ServerResponse, body?: Buffer): void {
        const upstream = http.request(
            { host: "127.0.0.1", port: this.targetPort, method: req.method, path: req.url, headers: req.headers, agent: this.agent },
            (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
            },
        );
        upstream.on("error", () => res.destroy());
        if (body) upstream.end(body);
        else req.pipe(upstream);
    }
}
