import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { RegistryClient } from "../../../chart/distribution/client";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { BlackHoleServer } from "../../support/blackHole";
import { makeChart } from "./chartFixtures";
import { assertNoSecrets } from "./secrets";

/** Milliseconds `promise` took to reject, and the error it rejected with. */
async function timeRejection(promise: Promise<unknown>): Promise<{ ms: number; error: OciError }> {
    const started = Date.now();
    try {
        await promise;
    } catch (error) {
        return { ms: Date.now() - started, error: error as OciError };
    }
    throw new Error("expected the call to fail");
}

/** An HTTP server on 127.0.0.1 driven by `handler`; stopped by the returned function. */
async function startServer(handler: http.RequestListener): Promise<{ host: string; stop: () => Promise<void> }> {
    const server = http.createServer(handler);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        host: `127.0.0.1:${(server.address() as AddressInfo).port}`,
        stop: async () => {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

describe("bounded waiting: dead and slow registries fail within the configured limits", function () {
    this.timeout(60_000);
    let hole: BlackHoleServer;
    const clients: RegistryClient[] = [];
    const client = (options: Partial<ConstructorParameters<typeof RegistryClient>[0]> & { registry: string }) => {
        const created = new RegistryClient({ plainHttp: true, credentials: { username: "ci", password: "s3cret-Pa55word" }, ...options });
        clients.push(created);
        return created;
    };

    before(async () => {
        hole = await new BlackHoleServer().start();
    });
    after(async () => {
        clients.forEach((c) => c.close());
        await hole?.stop();
    });

    it("a registry that accepts connections and never answers fails after timeoutMs, not after retries, naming the setting", async () => {
        const c = client({ registry: hole.host, timeoutMs: 1500, operationTimeoutMs: 30_000 });
        const { ms, error } = await timeRejection(
            pushChart({ registry: hole.host, client: c, chart: await makeChart("dead", "1.0.0"), repository: "charts/dead" }),
        );
        assert.ok(ms >= 1400 && ms < 4000, `failed after ${ms} ms; expected about 1.5 s (one unanswered request, no retries)`);
        assert.strictEqual(error.code, "TIMEOUT");
        assert.strictEqual(error.operation, "push");
        assert.match(
            error.message,
            new RegExp(`^push ${hole.host}/charts/dead failed: registry ${hole.host} did not answer within 1\\.5 s \\(timeoutMs\\)`),
        );
        assert.match(error.message, /raise timeoutMs/);
        assert.strictEqual(c.stats.retries, 0);
        assertNoSecrets(error, ["s3cret-Pa55word"]);
    });

    it("with the default limits a dead registry fails in about 20 s, well under a minute", async () => {
        const c = client({ registry: hole.host });
        const { ms, error } = await timeRejection(listTags({ registry: hole.host, client: c, repository: "charts/dead" }));
        assert.ok(ms >= 19_000 && ms < 25_000, `failed after ${ms} ms`);
        assert.strictEqual(error.code, "TIMEOUT");
        assert.match(error.message, /did not answer within 20 s \(timeoutMs\)/);
    });

    it("a TLS handshake that never completes fails after connectTimeoutMs", async () => {
        const c = client({ registry: hole.host, plainHttp: false, connectTimeoutMs: 1000 });
        const { ms, error } = await timeRejection(listTags({ registry: hole.host, client: c, repository: "charts/dead" }));
        assert.ok(ms >= 900 && ms < 3000, `failed after ${ms} ms`);
        assert.strictEqual(error.code, "TIMEOUT");
        assert.match(error.message, /did not accept the connection within 1 s \(connectTimeoutMs\)/);
    });

    it("a call's own timeouts override the client's", async () => {
        const c = client({ registry: hole.host, timeoutMs: 30_000 });
        const { ms, error } = await timeRejection(listTags({ registry: hole.host, client: c, repository: "charts/dead", timeoutMs: 800 }));
        assert.ok(ms < 2500, `failed after ${ms} ms`);
        assert.match(error.message, /within 0\.8 s \(timeoutMs\)/);
    });

    it("retries stop at the operation deadline instead of sleeping past it (503 with a long Retry-After)", async () => {
        let requests = 0;
        const server = await startServer((_req, res) => {
            requests++;
            res.writeHead(503, { "retry-after": "2" });
            res.end();
        });
        try {
            const c = client({ registry: server.host, operationTimeoutMs: 3000, retry: { maxAttempts: 10, baseDelayMs: 10 } });
            const { ms, error } = await timeRejection(listTags({ registry: server.host, client: c, repository: "charts/busy" }));
            assert.ok(ms >= 1900 && ms < 3500, `failed after ${ms} ms`);
            assert.strictEqual(requests, 2, "one retry fits in 3 s after a 2 s Retry-After; a second would not");
            assert.strictEqual(error.code, "TIMEOUT");
            assert.match(
                error.message,
                /the list did not finish within 3 s \(operationTimeoutMs\); last attempt: GET \/v2\/charts\/busy\/tags\/list: HTTP 503/,
            );
        } finally {
            await server.stop();
        }
    });

    it("a registry that trickles an answer byte by byte is cut off at the operation deadline", async () => {
        const server = await startServer((_req, res) => {
            res.writeHead(200, { "content-type": "application/json" });
            res.write("{");
            const drip = setInterval(() => res.write(" "), 200);
            res.on("close", () => clearInterval(drip));
        });
        try {
            const c = client({ registry: server.host, timeoutMs: 1000, operationTimeoutMs: 2000 });
            const { ms, error } = await timeRejection(listTags({ registry: server.host, client: c, repository: "charts/slow" }));
            assert.ok(ms >= 1900 && ms < 3500, `failed after ${ms} ms: the per-request silence limit never fires on a trickle`);
            assert.match(error.message, /did not finish within 2 s \(operationTimeoutMs\)/);
        } finally {
            await server.stop();
        }
    });

    it("an oversized manifest is cut off while it downloads, not buffered", async () => {
        let sent = 0;
        const server = await startServer((_req, res) => {
            res.writeHead(200, { "content-type": "application/vnd.oci.image.manifest.v1+json" });
            const chunk = Buffer.alloc(64 * 1024, 0x20);
            const pump = () => {
                while (sent < 64 * 1024 * 1024 && res.write(chunk)) sent += chunk.length;
                if (sent < 64 * 1024 * 1024) res.once("drain", pump);
                else res.end();
            };
            pump();
        });
        try {
            const c = client({ registry: server.host });
            const { error } = await timeRejection(
                pullChart({ registry: server.host, client: c, repository: "charts/big", version: "1.0.0" }),
            );
            assert.strictEqual(error.code, "RESPONSE_TOO_LARGE");
            assert.match(error.message, /more than 4194304 bytes/);
            assert.ok(sent < 16 * 1024 * 1024, `the client read ${sent} bytes before giving up`);
        } finally {
            await server.stop();
        }
    });
});
