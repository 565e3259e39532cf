import * as assert from "assert";
import { closeSharedClients } from "../../chart/distribution/connection";
import { resolveTag } from "../../chart/helmOci/manage";
import { pushChart } from "../../chart/helmOci/push";
import { makeChart } from "../chart/oci/chartFixtures";
import { acrHelm } from "../support/cliRunner";
import { startRegistry, TestRegistry } from "../support/registry";

describe("search, show and copy against registries without auth, with no login stored", function () {
    this.timeout(120_000);
    let source: TestRegistry;
    let destination: TestRegistry;
    let digest: string;

    before(async () => {
        [source, destination] = await Promise.all([startRegistry({ auth: "none" }), startRegistry({ auth: "none" })]);
        digest = (
            await pushChart({ registry: source.host, plainHttp: true, chart: await makeChart("open", "0.3.0"), repository: "public/open" })
        ).digest;
    });
    after(async () => {
        closeSharedClients();
        await Promise.all([source?.stop(), destination?.stop()]);
    });

    it("search lists the chart anonymously", async () => {
        const run = await acrHelm(["search", `oci://${source.host}`, "--plain-http", "-o", "json"]);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(JSON.parse(run.stdout), [
            {
                name: "public/open",
                version: "0.3.0",
                app_version: "1.0",
                description: "Test chart open",
                ref: `oci://${source.host}/public/open`,
                digest,
            },
        ]);
    });

    it("show values prints the chart's values.yaml", async () => {
        const run = await acrHelm(["show", "values", `oci://${source.host}/public/open`, "--plain-http"]);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(run.stdout, "greeting: hello\n\n");
    });

    it("copy promotes it with the same digest, and a second copy changes nothing", async () => {
        const first = await acrHelm([
            "copy",
            `oci://${source.host}/public/open`,
            "--version",
            "0.3.0",
            `oci://${destination.host}/mirror`,
            "--plain-http",
        ]);
        assert.strictEqual(first.code, 0, first.stderr);
        assert.match(
            first.stdout,
            /^Copied: .*\/mirror\/open:0\.3\.0\nDigest: sha256:[a-f0-9]{64}\nBlobs: 2 uploaded, 0 mounted, 0 already there\n$/,
        );
        assert.strictEqual(
            await resolveTag({ registry: destination.host, plainHttp: true, repository: "mirror/open", version: "0.3.0" }),
            digest,
        );
        const second = await acrHelm([
            "copy",
            `oci://${source.host}/public/open`,
            "--version",
            "0.3.0",
            `oci://${destination.host}/mirror`,
            "--plain-http",
        ]);
        assert.match(second.stdout, /^Already present: /);
    });
});
