import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { OciError } from "../../../chart/distribution/errors";
import { listChartVersions } from "../../../chart/helmOci/list";
import { resolveTag } from "../../../chart/helmOci/manage";
import * as mt from "../../../chart/helmOci/mediaTypes";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { pullChart } from "../../../chart/helmOci/pull";
import { RawRegistryClient, sha256 } from "../../support/rawRegistry";
import { startRegistry, TestRegistry } from "../../support/registry";
import { RegistryFaultProxy } from "../../support/registryFaultProxy";
import { makeChart } from "./chartFixtures";

/*
 * Every artifact here is written by RawRegistryClient (blob upload + manifest PUT spelled out in the test
 * support), never by this package's push, and stored in a real docker-registry. Answers the registry itself
 * would refuse to store (unknown digest algorithms, non-string annotations, redirects, odd tag lists) are
 * served by the fault proxy in front of it.
 */
describe("pull from a hostile registry: everything it sends is checked before use", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let proxy: RegistryFaultProxy;
    let raw: RawRegistryClient;
    let client: RegistryClient;
    let chartArchive: Buffer;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        proxy = new RegistryFaultProxy(Number(registry.host.split(":")[1]));
        await proxy.start();
        raw = new RawRegistryClient(registry.host, "admin", registry.users.admin.password);
        client = new RegistryClient({
            registry: proxy.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });
        chartArchive = (await makeChart("hostile", "0.1.0")).archive;
    });
    after(async () => {
        client?.close();
        await proxy?.stop();
        await registry?.stop();
    });
    beforeEach(() => proxy.clear());

    /** Stores a config and the chart archive under repository:tag; `tweak` edits the manifest before the PUT. */
    async function publishRaw(
        repository: string,
        tag: string,
        config: unknown,
        tweak: (m: Record<string, unknown>) => void = () => undefined,
    ): Promise<void> {
        const configBytes = Buffer.isBuffer(config) ? config : Buffer.from(JSON.stringify(config));
        const configBlob = await raw.putBlob(repository, configBytes);
        const chartBlob = await raw.putBlob(repository, chartArchive);
        const manifest: Record<string, unknown> = {
            schemaVersion: 2,
            config: { mediaType: mt.HELM_CONFIG_MEDIA_TYPE, ...configBlob },
            layers: [{ mediaType: mt.HELM_CHART_LAYER_MEDIA_TYPE, ...chartBlob }],
        };
        tweak(manifest);
        await raw.putManifest(repository, tag, manifest);
    }

    async function pullFails(repository: string, version: string, code: string, message: RegExp): Promise<OciError> {
        let caught: OciError | undefined;
        await assert.rejects(pullChart({ registry: proxy.host, client, repository, version }), (error: OciError) => {
            caught = error;
            assert.strictEqual(error.code, code, error.message);
            assert.match(error.message, message);
            assert.ok(error.message.startsWith(`pull ${proxy.host}/${repository}`), error.message);
            return true;
        });
        return caught!;
    }

    const layers = (m: Record<string, unknown>) => m.layers as Record<string, unknown>[];

    it("a config name that climbs out of the download folder is refused", async () => {
        await publishRaw("charts/escape", "0.1.0", { name: "../../../escape", version: "0.1.0", apiVersion: "v2" });
        const error = await pullFails(
            "charts/escape",
            "0.1.0",
            "NAME_INVALID",
            /names the chart "\.\.\/\.\.\/\.\.\/escape", which is not a valid chart name/,
        );
        assert.match(
            error.message,
            /Nothing was written\. The artifact was not pushed by Helm or has been tampered with; re-publish the chart\./,
        );
    });

    it("config names that are not chart names, or not this repository's chart, are refused", async () => {
        for (const name of ["sub/hostile", "..", ".", "Hostile", "hostile\u0000", "", 42, null, "-hostile", ".hostile"]) {
            const tag = `0.1.${Math.floor(Math.random() * 1e6)}`;
            await publishRaw("charts/hostile", tag, { name, version: tag });
            await pullFails("charts/hostile", tag, "NAME_INVALID", /which is not a valid chart name/);
        }
        await publishRaw("charts/hostile", "0.2.0", { name: "other", version: "0.2.0" });
        await pullFails("charts/hostile", "0.2.0", "NAME_INVALID", /names the chart "other", but the repository is for chart "hostile"/);
    });

    it("config versions that are not SemVer, or not the version asked for, are refused", async () => {
        for (const [tag, version] of [
            ["0.3.0", "../../x"],
            ["0.3.1", "1.0.0.0"],
            ["0.3.2", "0.3.2-01"],
            ["0.3.3", 3],
            ["0.3.4", "0.3.4\n"],
        ] as const) {
            await publishRaw("charts/hostile", tag, { name: "hostile", version });
            await pullFails("charts/hostile", tag, "VERSION_INVALID", /which is not a SemVer version/);
        }
        await publishRaw("charts/hostile", "0.3.5", { name: "hostile", version: "v0.3.5" });
        await pullFails("charts/hostile", "0.3.5", "VERSION_INVALID", /has version "v0\.3\.5", but version "0\.3\.5" was asked for/);
        await publishRaw("charts/hostile", "0.4.0", { name: "hostile", version: "9.9.9" });
        await pullFails("charts/hostile", "0.4.0", "VERSION_INVALID", /has version "9\.9\.9", but version "0\.4\.0" was asked for/);
    });

    it("config fields of the wrong type and configs that are not objects are refused", async () => {
        await publishRaw("charts/hostile", "0.5.0", { name: "hostile", version: "0.5.0", annotations: { evil: { nested: true } } });
        await pullFails("charts/hostile", "0.5.0", "CONFIG_INVALID", /field annotations is .* not a map of strings/);
        await publishRaw("charts/hostile", "0.5.1", ["hostile", "0.5.1"]);
        await pullFails("charts/hostile", "0.5.1", "CONFIG_INVALID", /the chart config is not a JSON object/);
        await publishRaw("charts/hostile", "0.5.2", Buffer.from("not json"));
        await pullFails("charts/hostile", "0.5.2", "INVALID_RESPONSE", /malformed JSON/);
    });

    it("a layer larger than its descriptor declares is cut off at the declared size", async () => {
        await publishRaw("charts/hostile", "0.6.0", { name: "hostile", version: "0.6.0" }, (m) => (layers(m)[0].size = 10));
        await pullFails("charts/hostile", "0.6.0", "RESPONSE_TOO_LARGE", /answered with more than 10 bytes/);
    });

    it("a layer smaller than its descriptor declares fails the size check", async () => {
        await publishRaw(
            "charts/hostile",
            "0.6.1",
            { name: "hostile", version: "0.6.1" },
            (m) => (layers(m)[0].size = chartArchive.length + 7),
        );
        await pullFails("charts/hostile", "0.6.1", "DIGEST_INVALID", /does not match its descriptor/);
    });

    it("declared sizes beyond the bounds are refused before anything is downloaded", async () => {
        await publishRaw("charts/hostile", "0.7.0", { name: "hostile", version: "0.7.0" }, (m) => (layers(m)[0].size = 200 * 1024 * 1024));
        await pullFails("charts/hostile", "0.7.0", "SIZE_INVALID", /layer 0 declares 209715200 bytes, more than the 104857600 bytes/);
        await publishRaw(
            "charts/hostile",
            "0.7.1",
            { name: "hostile", version: "0.7.1" },
            (m) => ((m.config as Record<string, unknown>).size = 2 * 1024 * 1024),
        );
        await pullFails("charts/hostile", "0.7.1", "SIZE_INVALID", /the config descriptor declares 2097152 bytes/);
        await publishRaw("charts/hostile", "0.7.2", { name: "hostile", version: "0.7.2" }, (m) => (layers(m)[0].size = -1));
        await pullFails("charts/hostile", "0.7.2", "SIZE_INVALID", /layer 0 has an invalid size -1/);
        assert.strictEqual(proxy.requests.filter((r) => r.path.includes("/blobs/")).length, 0, "no blob was requested");
    });

    it("a manifest with two chart layers is refused as ambiguous", async () => {
        await publishRaw(
            "charts/hostile",
            "0.8.0",
            { name: "hostile", version: "0.8.0" },
            (m) => (m.layers = [...layers(m), ...layers(m)]),
        );
        await pullFails("charts/hostile", "0.8.0", "MANIFEST_INVALID", /has 2 chart layers; a chart has exactly one/);
    });

    it("descriptors with foreign digest algorithms, bad media types or non-string annotations are refused", async () => {
        const base = {
            schemaVersion: 2,
            config: { mediaType: mt.HELM_CONFIG_MEDIA_TYPE, digest: sha256(Buffer.from("{}")), size: 2 },
            layers: [{ mediaType: mt.HELM_CHART_LAYER_MEDIA_TYPE, digest: sha256(chartArchive), size: chartArchive.length }],
        };
        const serve = (manifest: unknown) =>
            proxy.inject({
                method: "GET",
                path: /\/manifests\/0\.9\.0$/,
                times: 1,
                action: {
                    kind: "status",
                    status: 200,
                    headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
                    body: JSON.stringify(manifest),
                },
            });
        serve({ ...base, layers: [{ ...base.layers[0], digest: "sha512:" + "a".repeat(128) }] });
        await pullFails("charts/hostile", "0.9.0", "DIGEST_INVALID", /layer 0 has digest "sha512:a+\.\.\.; only sha256/);
        serve({ ...base, layers: [{ ...base.layers[0], mediaType: "../../etc/passwd" }] });
        await pullFails("charts/hostile", "0.9.0", "MANIFEST_INVALID", /layer 0 has an invalid mediaType "\.\.\/\.\.\/etc\/passwd"/);
        serve({ ...base, annotations: { "org.opencontainers.image.title": ["../../x"] } });
        await pullFails("charts/hostile", "0.9.0", "MANIFEST_INVALID", /annotations are not a map of strings/);
        serve({ ...base, layers: "hostile" });
        await pullFails("charts/hostile", "0.9.0", "MANIFEST_INVALID", /layers must be a list of at most 16 descriptors/);
    });

    it("blob redirects to non-http URLs or with credentials are refused", async () => {
        await publishRaw("charts/hostile", "1.0.0", { name: "hostile", version: "1.0.0" });
        for (const location of ["file:///etc/passwd", "http://user:pass@127.0.0.1:1/blob", "gopher://127.0.0.1/x"]) {
            proxy.inject({ method: "GET", path: /\/blobs\//, times: 1, action: { kind: "status", status: 307, headers: { location } } });
            const error = await pullFails(
                "charts/hostile",
                "1.0.0",
                "REDIRECT_REFUSED",
                /sent a redirect \(HTTP 307\) to .*, which is not followed/,
            );
            assert.ok(!error.message.includes("pass@"), error.message);
        }
    });

    it("tag lists keep only valid tags, and a HEAD digest header that is not a sha256 digest is not believed", async () => {
        proxy.inject({
            method: "GET",
            path: /\/tags\/list/,
            times: 1,
            action: {
                kind: "status",
                status: 200,
                body: JSON.stringify({ tags: ["1.0.0", { x: 1 }, "../../x", 7, "2.0.0", "a".repeat(200)] }),
            },
        });
        assert.deepStrictEqual(await listChartVersions({ registry: proxy.host, client, repository: "charts/hostile" }), ["2.0.0", "1.0.0"]);
        proxy.clear();
        const real = await resolveTag({ registry: proxy.host, client, repository: "charts/hostile", version: "1.0.0" });
        proxy.inject({
            method: "HEAD",
            path: /\/manifests\/1\.0\.0$/,
            times: 1,
            action: { kind: "status", status: 200, headers: { "docker-content-digest": "../../etc/passwd" } },
        });
        assert.strictEqual(await resolveTag({ registry: proxy.host, client, repository: "charts/hostile", version: "1.0.0" }), real);
    });

    it("a well-formed chart pushed by the raw client pulls fine (the checks refuse only what they should)", async () => {
        await publishRaw("charts/hostile", "1.1.0", {
            name: "hostile",
            version: "1.1.0",
            apiVersion: "v2",
            description: "ok",
            keywords: ["a"],
            maintainers: [{ name: "m" }],
        });
        const pulled = await pullChart({ registry: proxy.host, client, repository: "charts/hostile", version: "1.1.0" });
        assert.ok(pulled.archive.equals(chartArchive));
        assert.strictEqual(pulled.metadata.name, "hostile");
    });
});
