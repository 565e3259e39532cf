import * as assert from "assert";
import { RegistryClient, RegistryClientOptions } from "../../../chart/distribution/client";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { resolveTag } from "../../../chart/helmOci/manage";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { freePort, startRegistry, TestRegistry } from "../../support/registry";
import { RegistryFaultProxy } from "../../support/registryFaultProxy";
import { makeChart } from "./chartFixtures";
import { assertNoSecrets } from "./secrets";

describe("OCI client under registry faults (docker-registry behind a fault-injecting proxy)", function () {
    this.timeout(120000);
    let registry: TestRegistry;
    let proxy: RegistryFaultProxy;
    const clients: RegistryClient[] = [];

    before(async () => {
        registry = await startRegistry({ auth: "token" });
        proxy = new RegistryFaultProxy(Number(registry.host.split(":")[1]));
        await proxy.start();
    });
    after(async () => {
        clients.forEach((c) => c.close());
        await proxy?.stop();
        await registry?.stop();
    });
    beforeEach(() => proxy.clear());

    function newClient(overrides: Partial<RegistryClientOptions> = {}): RegistryClient {
        const client = new RegistryClient({
            registry: proxy.host,
            plainHttp: true,
            retry: { baseDelayMs: 10, maxAttempts: 4 },
            credentials: { username: "admin", password: registry.users.admin.password },
            ...overrides,
        });
        clients.push(client);
        return client;
    }
    const tags = (client: RegistryClient, repository: string) => listTags({ registry: proxy.host, client, repository });

    it("retries 503 answers to the manifest PUT and then succeeds", async () => {
        const client = newClient();
        proxy.inject({ method: "PUT", path: /\/manifests\//, times: 2, action: { kind: "status", status: 503 } });
        const pushed = await pushChart({
            registry: proxy.host,
            client,
            chart: await makeChart("retry503", "1.0.0"),
            repository: "faults/retry503",
        });
        assert.strictEqual(client.stats.retries, 2);
        assert.strictEqual(
            await resolveTag({ registry: proxy.host, client, repository: "faults/retry503", version: "1.0.0" }),
            pushed.digest,
        );
    });

    it("retries a manifest PUT once when the registry fails to verify its blobs (400 DIGEST_INVALID during a concurrent re-link)", async () => {
        const client = newClient();
        const invalid = JSON.stringify({ errors: [{ code: "DIGEST_INVALID", message: "provided digest did not match uploaded content" }] });
        proxy.inject({ method: "PUT", path: /\/manifests\//, times: 1, action: { kind: "status", status: 400, body: invalid } });
        const pushed = await pushChart({
            registry: proxy.host,
            client,
            chart: await makeChart("relink", "1.0.0"),
            repository: "faults/relink",
        });
        assert.strictEqual(proxy.requests.filter((r) => r.method === "PUT" && r.path.includes("/manifests/")).length, 2);
        assert.strictEqual(
            await resolveTag({ registry: proxy.host, client, repository: "faults/relink", version: "1.0.0" }),
            pushed.digest,
        );
        proxy.inject({ method: "PUT", path: /\/manifests\//, times: 2, action: { kind: "status", status: 400, body: invalid } });
        await assert.rejects(
            pushChart({ registry: proxy.host, client, chart: await makeChart("relink", "1.0.1"), repository: "faults/relink" }),
            (error: OciError) =>
                error.status === 400 &&
                error.code === "DIGEST_INVALID" &&
                /PUT manifest 1\.0\.1 returned HTTP 400 \(after 2 attempts\): DIGEST_INVALID/.test(error.message),
        );
    });

    it("a manifest PUT retried after a 503 first reads the tag again: a version published meanwhile is not overwritten", async () => {
        const client = newClient();
        proxy.inject({
            method: "PUT",
            path: /\/manifests\//,
            times: 1,
            action: { kind: "status", status: 503, headers: { "retry-after": "2" } },
        });
        const mine = pushChart({
            registry: proxy.host,
            client,
            chart: await makeChart("meanwhile", "1.0.0", "", "mine"),
            repository: "faults/meanwhile",
        });
        while (!proxy.requests.some((r) => r.faulted)) await new Promise((resolve) => setTimeout(resolve, 20));
        const direct = newClient({ registry: registry.host });
        const theirs = await pushChart({
            registry: registry.host,
            client: direct,
            chart: await makeChart("meanwhile", "1.0.0", "", "theirs"),
            repository: "faults/meanwhile",
        });
        await assert.rejects(mine, (error: OciError) => error.code === "VERSION_CONFLICT" && error.message.includes(theirs.digest));
        assert.strictEqual(
            proxy.requests.filter((r) => r.method === "PUT" && r.path.includes("/manifests/")).length,
            1,
            "the PUT was not repeated",
        );
        assert.strictEqual(
            await resolveTag({ registry: registry.host, client: direct, repository: "faults/meanwhile", version: "1.0.0" }),
            theirs.digest,
        );
    });

    it("honours Retry-After on 429, capped by maxRetryAfterMs", async () => {
        const client = newClient({ retry: { baseDelayMs: 10, maxRetryAfterMs: 300 } });
        proxy.inject({
            method: "HEAD",
            path: /\/manifests\//,
            times: 1,
            action: { kind: "status", status: 429, headers: { "retry-after": "1" } },
        });
        proxy.inject({
            method: "POST",
            path: /\/uploads\//,
            times: 1,
            action: { kind: "status", status: 429, headers: { "retry-after": "3600" } },
        });
        const started = Date.now();
        await pushChart({ registry: proxy.host, client, chart: await makeChart("ratelimit", "1.0.0"), repository: "faults/ratelimit" });
        const elapsed = Date.now() - started;
        assert.ok(elapsed >= 300, `waited only ${elapsed}ms; Retry-After (capped to 300ms each) was ignored`);
        assert.ok(elapsed < 5000, `waited ${elapsed}ms; the 3600s Retry-After was not capped`);
        assert.strictEqual(client.stats.retries, 2);
    });

    it("gives up after bounded retries on persistent 5xx, naming the registry, and leaves no tag", async () => {
        const client = newClient();
        proxy.inject({ method: "PUT", path: /\/manifests\//, times: Infinity, action: { kind: "status", status: 502 } });
        await assert.rejects(
            pushChart({ registry: proxy.host, client, chart: await makeChart("down", "1.0.0"), repository: "faults/down" }),
            (error: OciError) => {
                assert.strictEqual(error.status, 502);
                assert.match(error.message, new RegExp(`${proxy.host}/faults/down`));
                assert.match(error.message, /after 4 attempts/);
                return true;
            },
        );
        assert.strictEqual(proxy.requests.filter((r) => r.method === "PUT" && r.path.includes("/manifests/")).length, 4);
        proxy.clear();
        assert.deepStrictEqual(await tags(client, "faults/down"), []);
    });

    it("restarts a blob upload whose connection dropped mid-body, and the pulled chart is intact", async () => {
        const client = newClient();
        const chart = await makeChart("dropped", "1.0.0");
        proxy.inject({ method: "PUT", path: /\/blobs\/uploads\//, times: 1, action: { kind: "drop" } });
        const pushed = await pushChart({ registry: proxy.host, client, chart, repository: "faults/dropped" });
        assert.strictEqual(pushed.pushedBlobs, 2);
        assert.strictEqual(proxy.requests.filter((r) => r.method === "POST").length, 3, "a new upload session was started after the drop");
        const pulled = await pullChart({ registry: proxy.host, client, repository: "faults/dropped", version: "1.0.0" });
        assert.ok(pulled.archive.equals(chart.archive));
    });

    it("never tags an incomplete artifact when every blob upload drops", async () => {
        const client = newClient();
        proxy.inject({ method: "PUT", path: /\/blobs\/uploads\//, times: Infinity, action: { kind: "drop" } });
        await assert.rejects(
            pushChart({ registry: proxy.host, client, chart: await makeChart("nevertagged", "1.0.0"), repository: "faults/nevertagged" }),
            (error: OciError) => error.code === "CONNECTION_FAILED" && error.message.includes(proxy.host),
        );
        assert.strictEqual(proxy.requests.filter((r) => r.method === "PUT" && r.path.includes("/manifests/")).length, 0);
        proxy.clear();
        assert.deepStrictEqual(await tags(client, "faults/nevertagged"), []);
    });

    it("fetches a new token when the registry answers 401 to a cached one", async () => {
        const client = newClient();
        await pushChart({ registry: proxy.host, client, chart: await makeChart("reauth", "1.0.0"), repository: "faults/reauth" });
        const tokensBefore = client.stats.tokenRequests;
        const challenge = `Bearer realm="${registry.issuer!.realm}",service="test-registry",scope="repository:faults/reauth:pull",error="invalid_token"`;
        proxy.inject({
            method: "HEAD",
            path: /\/manifests\//,
            times: 1,
            action: { kind: "status", status: 401, headers: { "www-authenticate": challenge } },
        });
        assert.ok(await resolveTag({ registry: proxy.host, client, repository: "faults/reauth", version: "1.0.0" }));
        assert.strictEqual(client.stats.tokenRequests, tokensBefore + 1);
    });

    it("maps 403 DENIED to an authenticated-but-not-allowed error with the AcrPush fix, and pushes nothing", async () => {
        const client = newClient();
        const denied = JSON.stringify({ errors: [{ code: "DENIED", message: "requested access to the resource is denied" }] });
        proxy.inject({ method: "POST", path: /\/uploads\//, times: Infinity, action: { kind: "status", status: 403, body: denied } });
        await assert.rejects(
            pushChart({ registry: proxy.host, client, chart: await makeChart("forbidden", "1.0.0"), repository: "faults/forbidden" }),
            (error: OciError) => {
                assert.strictEqual(error.code, "DENIED");
                assert.strictEqual(error.status, 403);
                assert.match(error.message, /user "admin" is authenticated but not allowed to push on registry/);
                assert.match(error.message, /requested access to the resource is denied/);
                assert.match(error.message, /AcrPush role/);
                return true;
            },
        );
        assert.strictEqual(client.stats.retries, 0, "403 is not retried");
        proxy.clear();
        assert.deepStrictEqual(await tags(client, "faults/forbidden"), []);
    });

    it("rejects a chart layer whose bytes do not match the manifest digest", async () => {
        const client = newClient();
        const chart = await makeChart("tampered", "1.0.0");
        await pushChart({ registry: proxy.host, client, chart, repository: "faults/tampered" });
        const digestHex = chart.chartDigest.slice("sha256:".length);
        proxy.inject({
            method: "GET",
            path: new RegExp(`/blobs/sha256:${digestHex}$`),
            times: 1,
            action: { kind: "status", status: 200, body: "not the chart" },
        });
        await assert.rejects(
            pullChart({ registry: proxy.host, client, repository: "faults/tampered", version: "1.0.0" }),
            (error: OciError) => error.code === "DIGEST_INVALID" && error.message.includes(chart.chartDigest),
        );
    });

    it("reports an unreachable registry by host with the loginServer/network fix", async () => {
        const host = `127.0.0.1:${await freePort()}`;
        const client = newClient({ registry: host });
        await assert.rejects(listTags({ registry: host, client, repository: "x/y" }), (error: OciError) => {
            assert.strictEqual(error.code, "UNREACHABLE");
            assert.match(error.message, new RegExp(`cannot reach ${host}`));
            assert.match(error.message, /loginServer/);
            assertNoSecrets(error, [registry.users.admin.password]);
            return true;
        });
        const unknown = newClient({ registry: "no-such-registry.invalid", plainHttp: false });
        await assert.rejects(listTags({ registry: "no-such-registry.invalid", client: unknown, repository: "x/y" }), (error: OciError) => {
            assert.strictEqual(error.code, "UNREACHABLE");
            assert.match(error.message, /no-such-registry\.invalid/);
            return true;
        });
    });
});
