import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { makeSelfSignedCert, SelfSignedCert } from "../../scripts/local/registryCerts";

export interface ScriptedRequest {
    protocol: "http" | "https";
    method: string;
    path: string;
    authorization?: string;
}

export type ScriptedHandler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

/**
 * A registry whose every answer the test writes. One loopback port serves both https and plain http (the first
 * byte of a connection tells them apart), so a test can see whether a client fell back to http on the same host,
 * and with which Authorization header. Each request is recorded before the handler runs.
 */
export class ScriptedRegistry {
    readonly requests: ScriptedRequest[] = [];
    host = "";
    caCertPem = "";
    handle: ScriptedHandler = (_req, res) => answer(res, 404, {});
    private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-scripted-"));
    private readonly sockets = new Set<net.Socket>();
    private readonly tcp = net.createServer((socket) => this.accept(socket));
    private plain = http.createServer((req, res) => this.record("http", req, res));
    private secure?: https.Server;
    private cert?: SelfSignedCert;

    /** `sameCertAs`: serve that registry's certificate, so a client trusting one trusts both (two hosts, one CA). */
    async start(sameCertAs?: ScriptedRegistry): Promise<this> {
        const cert = sameCertAs?.cert ?? makeSelfSignedCert(this.dir, "scripted");
        this.cert = cert;
        this.caCertPem = cert.certPem;
        this.secure = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => this.record("https", req, res));
        await new Promise<void>((resolve) => this.tcp.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.tcp.address() as net.AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        for (const socket of this.sockets) socket.destroy();
        await new Promise<void>((resolve) => this.tcp.close(() => resolve()));
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private accept(socket: net.Socket): void {
        this.sockets.add(socket);
        socket.on("error", () => undefined);
        socket.on("close", () => this.sockets.delete(socket));
        socket.once("readable", () => {
            const first = socket.read(1) as Buffer | null;
            if (!first) {
                socket.destroy();
                return;
            }
            socket.unshift(first);
            // 0x16 starts a TLS handshake record; anything else is taken for plain HTTP.
            (first[0] === 0x16 ? this.secure! : this.plain).emit("connection", socket);
        });
    }

    private record(protocol: "http" | "https", req: http.IncomingMessage, res: http.ServerResponse): void {
        this.requests.push({ protocol, method: req.method ?? "", path: req.url ?? "", authorization: req.headers.authorization });
        req.resume();
        req.on("end", () => this.handle(req, res));
    }
}

export function answer(res: http.ServerResponse, status: number, headers: Record<string, string>, body = ""): void {
    res.writeHead(status, { "content-length": String(Buffer.byteLength(body)), ...headers });
    res.end(body);
}

/** Answers 401 with a Basic challenge until the request carries an Authorization header. */
export function basicChallenge(req: http.IncomingMessage, res: http.ServerResponse): boolean {
    if (req.headers.authorization) return false;
    answer(res, 401, { "www-authenticate": 'Basic realm="scripted"' });
    return true;
}
