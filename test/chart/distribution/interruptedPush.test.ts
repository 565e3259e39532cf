import * as assert from "assert";
import { randomBytes } from "crypto";
import { UPLOAD_WITHOUT_ASKING_BYTES } from "../../../chart/distribution/blobUpload";
import { RegistryClient } from "../../../chart/distribution/client";
import { resolveTag } from "../../../chart/helmOci/manage";
import { pushChart } from "../../../chart/helmOci/push";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";
import { RegistryFaultProxy } from "../../support/registryFaultProxy";
import { makeChart } from "../oci/chartFixtures";

describe("a push interrupted after its large blob was uploaded does not upload that blob again (real docker-registry)", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let faults: RegistryFaultProxy;
    let counter: RequestCounter;
    let client: RegistryClient;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        faults = new RegistryFaultProxy(Number(registry.host.split(":")[1]));
        await faults.start();
        counter = await RequestCounter.start({ registryHost: faults.host });
        client = new RegistryClient({
            registry: counter.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
            retry: { maxAttempts: 2, baseDelayMs: 10 },
        });
    });
    after(async () => {
        client?.close();
        await counter?.stop();
        await faults?.stop();
        await registry?.stop();
    });

    it("the re-run asks about the large blob (one HEAD) and sends only the small config and the manifest", async () => {
        // Random values do not compress: the archive stays over the 256 KiB asked-about threshold.
        const chart = await makeChart("big", "1.0.0", "", randomBytes(360 * 1024).toString("base64"));
        assert.ok(chart.archive.length > UPLOAD_WITHOUT_ASKING_BYTES, `archive of ${chart.archive.length} bytes`);
        const repository = "interrupted/big";
        faults.inject({ method: "PUT", path: /\/manifests\//, times: Infinity, action: { kind: "drop" } });
        await assert.rejects(pushChart({ registry: counter.host, client, chart, repository }));
        const uploads = counter.requests.filter((r) => r.kind === "blob PUT" && decodeURIComponent(r.path).includes(chart.chartDigest));
        assert.strictEqual(uploads.length, 1, "the interrupted push did upload the archive");
        assert.strictEqual(await resolveTag({ registry: counter.host, client, repository, version: "1.0.0" }), undefined);

        faults.clear();
        const mark = await counter.mark();
        const pushed = await pushChart({ registry: counter.host, client, chart, repository });
        const rerun = await counter.since(mark);
        assert.strictEqual(pushed.pushedBlobs, 1, "only the config is sent again");
        const archiveRequests = rerun.filter((r) => decodeURIComponent(r.path).includes(chart.chartDigest)).map((r) => r.kind);
        assert.deepStrictEqual(archiveRequests, ["blob HEAD"], "the archive is asked about, not sent");
        assert.deepStrictEqual(countKinds(rerun.filter((r) => r.kind.startsWith("blob "))), {
            "blob HEAD": 1,
            "blob POST": 1,
            "blob PUT": 1,
        });
        assert.strictEqual(await resolveTag({ registry: counter.host, client, repository, version: "1.0.0" }), pushed.digest);
    });
});
