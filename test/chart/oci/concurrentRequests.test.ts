import * as assert from "assert";
import * as diagnostics from "node:diagnostics_channel";
import * as http from "node:http";
import { AddressInfo, Socket } from "node:net";
import { RegistryClient } from "../../../chart/distribution/client";
import { tagsOf } from "../../../chart/distribution/tags";
import { Repository } from "../../../chart/distribution/repository";
import { startRegistry, TestRegistry } from "../../support/registry";

/** The sockets our requests went out on, seen through Node's own diagnostics channel (published once a request is sent). */
function watchSockets(): { sockets: Set<Socket>; stop: () => void } {
    const sockets = new Set<Socket>();
    const onStart = (message: unknown) => {
        const socket = (message as { request: http.ClientRequest }).request.socket;
        if (socket) sockets.add(socket);
    };
    diagnostics.subscribe("http.client.request.start", onStart);
    return { sockets, stop: () => diagnostics.unsubscribe("http.client.request.start", onStart) };
}

function listenerCounts(sockets: Set<Socket>): Record<string, number>[] {
    return [...sockets].map((socket) => ({
        connect: socket.listenerCount("connect"),
        close: socket.listenerCount("close"),
        timeout: socket.listenerCount("timeout"),
    }));
}

/** Lets warnings emitted on the last tick reach the process's listeners. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 50));

describe("many concurrent requests through one client (more than its 8 connections)", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);

    before(async () => {
        registry = await startRegistry({ auth: "none" });
        process.on("warning", onWarning);
    });
    after(async () => {
        process.off("warning", onWarning);
        await registry?.stop();
    });

    it("print no MaxListenersExceededWarning and leave no listeners behind on the kept-alive sockets", async () => {
        const client = new RegistryClient({ registry: registry.host, plainHttp: true });
        const watch = watchSockets();
        try {
            const round = () => Promise.all(Array.from({ length: 40 }, (_, i) => tagsOf(new Repository(client, `concurrent/chart-${i}`))));
            assert.deepStrictEqual(
                await round(),
                Array.from({ length: 40 }, () => []),
            );
            const afterFirst = listenerCounts(watch.sockets);
            assert.ok(watch.sockets.size >= 2 && watch.sockets.size <= 8, `40 requests shared ${watch.sockets.size} sockets`);
            await round();
            await round();
            await settle();
            const leaks = warnings.filter((warning) => warning.name === "MaxListenersExceededWarning");
            assert.deepStrictEqual(
                leaks.map((warning) => warning.message),
                [],
            );
            assert.deepStrictEqual(listenerCounts(watch.sockets), afterFirst, "listeners per socket grew with the requests it served");
            for (const counts of afterFirst) assert.strictEqual(counts.connect, 0, "a connect watch outlived its request");
        } finally {
            watch.stop();
            client.close();
        }
    });

    it("a request that waited for a busy connection is not held to the connection set-up limit while it runs", async () => {
        const server = http.createServer((_req, res) => {
            setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"tags":["1.0.0"]}'), 400);
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
        const client = new RegistryClient({ registry: host, plainHttp: true, connectTimeoutMs: 250, retry: { maxAttempts: 1 } });
        try {
            const results = await Promise.all(Array.from({ length: 16 }, (_, i) => tagsOf(new Repository(client, `slow/chart-${i}`))));
            assert.deepStrictEqual(
                results,
                Array.from({ length: 16 }, () => ["1.0.0"]),
            );
            assert.strictEqual(client.stats.requests, 16);
        } finally {
            client.close();
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        }
    });
});
