import { randomBytes } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { countKinds, requestKind } from "./requestKinds";

export { countKinds, requestKind } from "./requestKinds";

/*
 * Counts the requests that really reach a registry, by kind, through a loopback proxy in front of it.
 *
 *   const counter = await RequestCounter.start({ registryHost: registry.host, tokenRealm: registry.issuer?.realm });
 *   // point every client, helm, pulumi program ... at counter.host instead of registry.host
 *   const mark = await counter.mark();
 *   ...the work whose requests are claimed...
 *   const seen = await counter.since(mark);          // settles, then proves counting works (positive control)
 *   assert.deepStrictEqual(countKinds(seen), { "manifest HEAD": 1 });
 *   await counter.stop();
 *
 * A request is recorded when it arrives, before it is forwarded, so a process that has exited has had all its
 * requests recorded. since() still waits until nothing is in flight, then sends its own GET /v2/ through the proxy
 * and throws unless that request was recorded: a zero is only trusted once a known request was counted.
 * With tokenRealm, WWW-Authenticate realms naming it are rewritten to the proxy, so token requests count too.
 * Plain http only: the registry (and token service) must serve http.
 */

export interface CountedRequest {
    method: string;
    path: string;
    /** e.g. "manifest HEAD", "blob PUT", "token GET"; see requestKinds.ts */
    kind: string;
    repository?: string;
    /** the registry's answer; undefined while in flight or when the connection failed */
    status?: number;
}

export interface RequestCounterOptions {
    /** 127.0.0.1:<port> of an http registry */
    registryHost: string;
    /** the token service's realm URL (http), e.g. registry.issuer.realm */
    tokenRealm?: string;
}

const CONTROL_HEADER = "x-request-counter-control";

export class RequestCounter {
    readonly requests: CountedRequest[] = [];
    host = "";
    private inFlight = 0;
    private lastActivity = Date.now();
    private readonly controls = new Set<CountedRequest>();
    private readonly agent = new http.Agent({ keepAlive: false });
    private readonly server = http.createServer((req, res) => this.forward(req, res));

    private constructor(private readonly options: RequestCounterOptions) {}

    static async start(options: RequestCounterOptions): Promise<RequestCounter> {
        const counter = new RequestCounter(options);
        await new Promise<void>((resolve) => counter.server.listen(0, "127.0.0.1", resolve));
        counter.host = `127.0.0.1:${(counter.server.address() as AddressInfo).port}`;
        return counter;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        this.agent.destroy();
    }

    /** Settles and proves counting works; returns the position to pass to since(). */
    async mark(): Promise<number> {
        await this.settled();
        await this.positiveControl();
        return this.requests.length;
    }

    /** The requests recorded after `mark` (the counter's own control requests left out), once settled and controlled. */
    async since(mark: number): Promise<CountedRequest[]> {
        await this.settled();
        const seen = this.requests.slice(mark);
        await this.positiveControl();
        return seen.filter((request) => !this.controls.has(request));
    }

    /** Waits until no request is in flight and none arrived for quietMs. */
    async settled(quietMs = 150, timeoutMs = 30_000): Promise<void> {
        const deadline = Date.now() + timeoutMs;
        while (this.inFlight > 0 || Date.now() - this.lastActivity < quietMs) {
            if (Date.now() > deadline)
                throw new Error(`request counter: ${this.inFlight} request(s) still in flight after ${timeoutMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, 25));
        }
    }

    /** Sends GET /v2/ through the proxy and throws unless exactly that request was recorded and answered. */
    async positiveControl(): Promise<void> {
        const nonce = randomBytes(8).toString("hex");
        const status = await new Promise<number>((resolve, reject) => {
            const req = http.get(`http://${this.host}/v2/`, { headers: { [CONTROL_HEADER]: nonce }, agent: false }, (res) => {
                res.resume();
                res.on("end", () => resolve(res.statusCode ?? 0));
            });
            req.on("error", reject);
        });
        await this.settled(0);
        const recorded = this.requests.filter((r) => this.controls.has(r) && r.path === `/v2/?control=${nonce}`);
        if (recorded.length !== 1 || recorded[0].status !== status) {
            throw new Error(`request counter: its own GET /v2/ (HTTP ${status}) was not counted; no count from it can be trusted`);
        }
    }

    /** Counts per kind of everything recorded so far (controls left out). */
    kinds(): Record<string, number> {
        return countKinds(this.requests.filter((r) => !this.controls.has(r)));
    }

    private forward(req: http.IncomingMessage, res: http.ServerResponse): void {
        const method = req.method ?? "GET";
        const path = req.url ?? "/";
        const control = req.headers[CONTROL_HEADER];
        const recorded: CountedRequest = {
            method,
            path: control ? `${path}?control=${String(control)}` : path,
            ...requestKind(method, path),
        };
        this.requests.push(recorded);
        if (control) this.controls.add(recorded);
        this.inFlight++;
        this.lastActivity = Date.now();
        const done = () => {
            this.inFlight--;
            this.lastActivity = Date.now();
        };
        const token = this.options.tokenRealm && !path.startsWith("/v2") ? new URL(this.options.tokenRealm) : undefined;
        const target = token ? token.host : this.options.registryHost;
        const [hostname, port] = target.split(":");
        const upstream = http.request({ hostname, port: Number(port), method, path, headers: req.headers, agent: this.agent }, (answer) => {
            recorded.status = answer.statusCode;
            res.writeHead(answer.statusCode ?? 502, this.rewriteRealm(answer.headers));
            answer.pipe(res);
            answer.on("end", done);
        });
        upstream.on("error", () => {
            done();
            res.destroy();
        });
        req.pipe(upstream);
    }

    private rewriteRealm(headers: http.IncomingHttpHeaders): http.IncomingHttpHeaders {
        const challenge = headers["www-authenticate"];
        const realm = this.options.tokenRealm;
        if (!realm || typeof challenge !== "string") return headers;
        const own = new URL(realm);
        own.host = this.host;
        return { ...headers, "www-authenticate": challenge.split(realm).join(own.href) };
    }
}
