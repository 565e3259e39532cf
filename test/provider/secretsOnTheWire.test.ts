import * as assert from "assert";
import * as path from "path";
import { isWrappedSecret, wrapSecret } from "../../provider/secrets";
import { copyChart, removeCopy } from "../support/chartCopies";
import { repoRoot } from "../support/paths";
import { pluginResource } from "./pluginResource";

const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

describe("the provider plugin keeps secrets secret on the wire", () => {
    let chartDir: string;
    before(() => (chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"))));
    after(() => removeCopy(chartDir));

    const inputs = (credentials: unknown) => ({
        chartPath: chartDir,
        loginServer: "127.0.0.1:1",
        namespace: "charts",
        provenance: false,
        credentials,
    });

    it("check returns credentials the engine sent secret still wrapped, whole", async () => {
        const sent = wrapSecret({ username: "ci", password: "s3cret-Pa55" });
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, inputs(sent));
        assert.deepStrictEqual(checked.failures ?? [], []);
        assert.ok(isWrappedSecret(checked.inputs.credentials));
        assert.ok(!JSON.stringify({ ...checked.inputs, credentials: undefined }).includes("s3cret-Pa55"));
    });

    it("credentials with only the password secret come back wrapped whole, as the schema marks them", async () => {
        const sent = { username: "ci", password: wrapSecret("s3cret-Pa55") };
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, inputs(sent));
        assert.ok(isWrappedSecret(checked.inputs.credentials));
    });

    it("credentials sent in plain text are stored as a secret all the same", async () => {
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, inputs({ username: "ci", password: "pw" }));
        assert.ok(isWrappedSecret(checked.inputs.credentials));
    });

    it("a secret that is not known yet stays unknown and secret, and nothing is planned from it", async () => {
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, inputs(wrapSecret(UNKNOWN)));
        assert.deepStrictEqual(checked.failures ?? [], []);
        assert.ok(isWrappedSecret(checked.inputs.credentials));
        assert.strictEqual((checked.inputs.credentials as { value: unknown }).value, UNKNOWN);
    });

    it("namespace is stored under its state key, repository, with the documented defaults", async () => {
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, inputs(undefined));
        assert.strictEqual(checked.inputs.repository, "charts");
        assert.strictEqual(checked.inputs.namespace, undefined);
        assert.deepStrictEqual(
            [checked.inputs.allowOverwrite, checked.inputs.deleteFromRegistryOnDestroy, checked.inputs.plainHttp],
            [false, false, false],
        );
        assert.strictEqual(checked.inputs.version, undefined, "the version is an output of the push, not of the plan");
    });

    it("a namespace that contradicts the deprecated repository is refused on namespace", async () => {
        const checked = await pluginResource("acr-helm:index:ChartPublication").check({}, { ...inputs(undefined), repository: "other" });
        assert.strictEqual(checked.failures?.[0]?.property, "namespace");
        assert.match(checked.failures![0].reason, /disagree; set only namespace/);
    });

    it("a type this plugin does not implement is refused with the types it does", async () => {
        await assert.rejects(
            pluginResource("acr-helm:index:Nothing").check({}, {}),
            /unknown resource type acr-helm:index:Nothing.*ChartPublication/,
        );
    });
});
