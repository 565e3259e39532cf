import * as assert from "assert";
import { LocalFulcio, startFulcio } from "../../scripts/local/fulcio";
import { LocalOidcIssuer } from "../../scripts/local/oidcIssuer";
import { LocalTimestampAuthority, startTimestampAuthority } from "../../scripts/local/timestampAuthority";
import { describeSocket, isLoopback, ListeningSocket, listeningSockets } from "../support/listeningSockets";

/**
 * The listening sockets of a running process, sampled for a second: a server may open its listeners (metrics, gRPC)
 * in goroutines after its API already answers.
 */
async function listenersOf(name: string, pid: number | undefined): Promise<ListeningSocket[]> {
    assert.ok(pid, `${name} has no pid`);
    const seen = new Map<string, ListeningSocket>();
    for (let sample = 0; sample < 5; sample++) {
        for (const socket of listeningSockets(pid)) seen.set(`${socket.family} ${describeSocket(socket)}`, socket);
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    return [...seen.values()];
}

function assertLoopbackOnly(name: string, sockets: ListeningSocket[], apiUrl: string): void {
    const apiPort = Number(new URL(apiUrl).port);
    const listed = sockets.map(describeSocket).join(", ");
    assert.ok(
        sockets.some((socket) => socket.port === apiPort),
        `${name}: no listener on its API port ${apiPort} (found: ${listed})`,
    );
    const exposed = sockets.filter((socket) => !isLoopback(socket));
    assert.deepStrictEqual(exposed.map(describeSocket), [], `${name} listens beyond loopback (all listeners: ${listed})`);
}

describe("the local Fulcio and timestamp authority bind every listener to 127.0.0.1, two of each at once", function () {
    this.timeout(120_000);
    let issuer: LocalOidcIssuer;
    const fulcios: LocalFulcio[] = [];
    const authorities: LocalTimestampAuthority[] = [];

    before(async () => {
        issuer = new LocalOidcIssuer();
        await issuer.start();
    });

    after(async () => {
        for (const server of [...fulcios, ...authorities]) await server.stop();
        await issuer?.stop();
    });

    it("Fulcio: API, gRPC and metrics listeners, if any, are on loopback", async () => {
        fulcios.push(await startFulcio({ issuerUrl: issuer.url }));
        fulcios.push(await startFulcio({ issuerUrl: issuer.url }));
        for (const [index, fulcio] of fulcios.entries()) {
            const name = `fulcio #${index + 1} (pid ${fulcio.process.pid})`;
            assertLoopbackOnly(name, await listenersOf(name, fulcio.process.pid), fulcio.url);
            assert.strictEqual(fulcio.process.exitStatus(), undefined, `${name} exited:\n${fulcio.process.logTail()}`);
        }
    });

    it("timestamp-server: API and metrics listeners, if any, are on loopback", async () => {
        authorities.push(await startTimestampAuthority());
        authorities.push(await startTimestampAuthority());
        for (const [index, tsa] of authorities.entries()) {
            const name = `timestamp-server #${index + 1} (pid ${tsa.process.pid})`;
            assertLoopbackOnly(name, await listenersOf(name, tsa.process.pid), tsa.url);
            assert.strictEqual(tsa.process.exitStatus(), undefined, `${name} exited:\n${tsa.process.logTail()}`);
        }
    });
});
