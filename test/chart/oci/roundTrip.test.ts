import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { RegistryCredentials } from "../../../chart/distribution/auth/credentials";
import { OciError } from "../../../chart/distribution/errors";
import { listChartVersions } from "../../../chart/helmOci/list";
import { listTags } from "../../../chart/distribution/tags";
import { deleteManifest } from "../../../chart/distribution/deleteManifest";
import { resolveTag } from "../../../chart/helmOci/manage";
import { ensureBlob } from "../../../chart/distribution/blobUpload";
import { buildHelmArtifact } from "../../../chart/helmOci/manifest";
import { sha256Digest } from "../../../chart/distribution/digest";
import { MANIFEST_ACCEPT, OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

for (const mode of ["htpasswd", "token"] as const) {
    describe(`OCI chart round trip against docker-registry (${mode} auth)`, function () {
        this.timeout(120000);
        let registry: TestRegistry;
        let counter: RequestCounter;
        let client: RegistryClient;
        let credentials: RegistryCredentials;

        before(async () => {
            registry = await startRegistry({ auth: mode });
            counter = await RequestCounter.start({ registryHost: registry.host, tokenRealm: registry.issuer?.realm });
            credentials = { username: "admin", password: registry.users.admin.password };
            client = new RegistryClient({ registry: registry.host, credentials, plainHttp: true });
        });
        after(async () => {
            client?.close();
            await counter?.stop();
            await registry?.stop();
        });

        const conn = () => ({ registry: registry.host, client });

        it("pushes a chart, lists its version and pulls back the identical archive", async () => {
            const chart = await makeChart("roundtrip", "0.1.0");
            const pushed = await pushChart({ ...conn(), chart, repository: "charts/roundtrip" });
            assert.strictEqual(pushed.skipped, false);
            assert.strictEqual(pushed.pushedBlobs, 2);
            assert.strictEqual(pushed.ref, `${registry.host}/charts/roundtrip:0.1.0`);
            assert.deepStrictEqual(await listChartVersions({ ...conn(), repository: "charts/roundtrip" }), ["0.1.0"]);
            const pulled = await pullChart({ ...conn(), repository: "charts/roundtrip", version: "0.1.0" });
            assert.ok(pulled.archive.equals(chart.archive));
            assert.strictEqual(pulled.metadata.name, "roundtrip");
            assert.strictEqual(pulled.metadata.version, "0.1.0");
            assert.strictEqual(pulled.digest, pushed.digest);
            assert.strictEqual(pulled.chartDigest, chart.chartDigest);
            assert.strictEqual(await resolveTag({ ...conn(), repository: "charts/roundtrip", version: "0.1.0" }), pushed.digest);
        });

        it("stores exactly the deterministic manifest bytes, without a top-level mediaType or created time", async () => {
            const chart = await makeChart("bytes", "1.0.0");
            const pushed = await pushChart({ ...conn(), chart, repository: "charts/bytes" });
            const response = await client.send({
                operation: "pull",
                repository: "charts/bytes",
                actions: ["pull"],
                method: "GET",
                path: "/v2/charts/bytes/manifests/1.0.0",
                headers: { accept: MANIFEST_ACCEPT },
            });
            assert.ok(response.body.equals(buildHelmArtifact(chart).manifest));
            const manifest = JSON.parse(response.body.toString()) as Record<string, unknown>;
            assert.deepStrictEqual(Object.keys(manifest), ["schemaVersion", "config", "layers", "annotations"]);
            assert.ok(!("org.opencontainers.image.created" in (manifest.annotations as object)));
            assert.strictEqual(pushed.digest, buildHelmArtifact(chart).manifestDigest);
        });

        it("re-pushing an unchanged chart costs one manifest HEAD at the registry and uploads nothing", async () => {
            const counted = new RegistryClient({ registry: counter.host, credentials, plainHttp: true });
            try {
                const chart = await makeChart("idem", "2.0.0");
                await pushChart({ registry: counter.host, client: counted, chart, repository: "charts/idem" });
                const before = { ...counted.stats };
                const mark = await counter.mark();
                const again = await pushChart({
                    registry: counter.host,
                    client: counted,
                    chart: await makeChart("idem", "2.0.0"),
                    repository: "charts/idem",
                });
                assert.strictEqual(again.skipped, true);
                assert.deepStrictEqual(countKinds(await counter.since(mark)), { "manifest HEAD": 1 });
                assert.strictEqual(counted.stats.requests - before.requests, 1);
                assert.strictEqual(counted.stats.bytesUploaded - before.bytesUploaded, 0);
            } finally {
                counted.close();
            }
        });

        it("maps + to _ in tags and lists strict SemVer versions highest first", async () => {
            for (const version of ["0.9.0", "1.10.0", "1.2.0", "1.2.3+build.4", "1.10.0-rc.1"]) {
                await pushChart({ ...conn(), chart: await makeChart("versions", version), repository: "charts/versions" });
            }
            assert.ok((await listTags({ ...conn(), repository: "charts/versions" })).includes("1.2.3_build.4"));
            assert.deepStrictEqual(await listChartVersions({ ...conn(), repository: "charts/versions" }), [
                "1.10.0",
                "1.10.0-rc.1",
                "1.2.3+build.4",
                "1.2.0",
                "0.9.0",
            ]);
            const pulled = await pullChart({ ...conn(), repository: "charts/versions", version: "1.2.3+build.4" });
            assert.strictEqual(pulled.metadata.version, "1.2.3+build.4");
        });

        it("refuses different content under an existing version unless allowOverwrite is set", async () => {
            const first = await pushChart({ ...conn(), chart: await makeChart("immutable", "1.0.0"), repository: "charts/immutable" });
            const changed = await makeChart("immutable", "1.0.0", "", "changed");
            await assert.rejects(pushChart({ ...conn(), chart: changed, repository: "charts/immutable" }), (error: OciError) => {
                assert.strictEqual(error.code, "VERSION_EXISTS");
                assert.match(error.message, /bump the chart version/);
                assert.match(error.message, /allowOverwrite/);
                assert.match(error.message, new RegExp(registry.host.replace(/\./g, "\\.")));
                return true;
            });
            assert.strictEqual(await resolveTag({ ...conn(), repository: "charts/immutable", version: "1.0.0" }), first.digest);
            const overwritten = await pushChart({ ...conn(), chart: changed, repository: "charts/immutable", allowOverwrite: true });
            assert.notStrictEqual(overwritten.digest, first.digest);
            assert.strictEqual(await resolveTag({ ...conn(), repository: "charts/immutable", version: "1.0.0" }), overwritten.digest);
        });

        it("deletes a manifest by digest and then reports the version as absent", async () => {
            const pushed = await pushChart({ ...conn(), chart: await makeChart("deleteme", "0.0.1"), repository: "charts/deleteme" });
            assert.strictEqual(await deleteManifest({ ...conn(), repository: "charts/deleteme", digest: pushed.digest }), true);
            assert.strictEqual(await resolveTag({ ...conn(), repository: "charts/deleteme", version: "0.0.1" }), undefined);
            assert.deepStrictEqual(await listChartVersions({ ...conn(), repository: "charts/deleteme" }), []);
            assert.strictEqual(await deleteManifest({ ...conn(), repository: "charts/deleteme", digest: pushed.digest }), false);
        });

        it("pullChart names a missing version and refuses artifacts that are not Helm charts", async () => {
            await assert.rejects(
                pullChart({ ...conn(), repository: "charts/roundtrip", version: "9.9.9" }),
                (error: OciError) => error.code === "MANIFEST_UNKNOWN" && /version 9\.9\.9 \(tag 9\.9\.9\) not found/.test(error.message),
            );
            const config = Buffer.from("{}");
            const configDescriptor = {
                mediaType: "application/vnd.oci.image.config.v1+json",
                digest: sha256Digest(config),
                size: config.length,
            };
            await ensureBlob(client, "charts/image", configDescriptor, config);
            const manifest = Buffer.from(
                JSON.stringify({ schemaVersion: 2, mediaType: OCI_MANIFEST_MEDIA_TYPE, config: configDescriptor, layers: [] }),
            );
            const put = await client.send({
                operation: "push",
                repository: "charts/image",
                actions: ["pull", "push"],
                method: "PUT",
                path: "/v2/charts/image/manifests/1.0.0",
                body: manifest,
                headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
            });
            assert.strictEqual(put.status, 201);
            await assert.rejects(
                pullChart({ ...conn(), repository: "charts/image", version: "1.0.0" }),
                (error: OciError) =>
                    error.code === "NOT_A_CHART" &&
                    /not a Helm chart \(config media type application\/vnd\.oci\.image\.config\.v1\+json\)/.test(error.message),
            );
        });

        it("rejects invalid repository names before any network call", async () => {
            const before = client.stats.requests;
            await assert.rejects(
                pushChart({ ...conn(), chart: await makeChart("bad", "1.0.0"), repository: "Charts/Bad" }),
                (error: OciError) => {
                    assert.strictEqual(error.code, "NAME_INVALID");
                    assert.match(error.message, /"Charts\/Bad"/);
                    assert.match(error.message, /lower case \("charts\/bad"\)/);
                    return true;
                },
            );
            await assert.rejects(
                pushChart({ ...conn(), chart: await makeChart("named", "1.0.0"), repository: "charts/other" }),
                (error: OciError) =>
                    error.code === "NAME_MISMATCH" &&
                    /must end with the chart name "named".*use repository "charts\/named"/.test(error.message),
            );
            await assert.rejects(listChartVersions({ ...conn(), repository: "charts//x" }), /not a valid OCI repository name/);
            await assert.rejects(pullChart({ ...conn(), repository: "charts/x$", version: "1.0.0" }), /not a valid OCI repository name/);
            assert.strictEqual(client.stats.requests, before);
        });
    });
}
