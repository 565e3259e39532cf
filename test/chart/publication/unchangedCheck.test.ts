import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { copyChart, removeCopy } from "../../support/chartCopies";
import { repoRoot } from "../../support/paths";
import { pluginResource } from "../../provider/pluginResource";

type Props = Record<string, unknown>;

/** Waits until the chart's files are older than the few seconds in which a change could go unseen. */
const settle = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 2_100));

describe("check of an unchanged chart reuses what the previous check planned", function () {
    this.timeout(60_000);
    let chartDir: string;
    const declared = (overrides: Props = {}): Props => ({
        chartPath: chartDir,
        loginServer: "registry.example.test",
        repository: "charts",
        provenance: false,
        ...overrides,
    });
    const check = async (olds: Props, news: Props): Promise<Props> => {
        const result = await pluginResource("acr-helm:index:ChartPublication").check(olds, news);
        assert.deepStrictEqual(result.failures ?? [], []);
        return result.inputs as Props;
    };

    beforeEach(() => {
        chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));
    });
    afterEach(() => removeCopy(chartDir));

    it("takes the recorded plan when neither the chart's files nor the inputs changed", async () => {
        await settle();
        const first = await check({}, declared());
        assert.match(String(first.sourceFingerprint), /^[0-9a-f]{64}$/);
        // A recorded warning no packaging of this chart produces: only reuse returns it.
        const recorded = { ...first, chartWarnings: ["recorded by the previous check"] };
        const second = await check(recorded, declared());
        assert.deepStrictEqual(second.chartWarnings, recorded.chartWarnings);
        assert.strictEqual(second.expectedDigest, first.expectedDigest);
        assert.strictEqual(second.sourceFingerprint, first.sourceFingerprint);
    });

    it("packages again when a file changed, even to the same size", async () => {
        await settle();
        const first = await check({}, declared());
        const values = path.join(chartDir, "values.yaml");
        const text = fs.readFileSync(values, "utf8");
        fs.writeFileSync(values, text.replace(/replicaCount: \d/, "replicaCount: 7"));
        assert.strictEqual(fs.statSync(values).size, Buffer.byteLength(text), "same size as before");
        await settle();
        const second = await check(first, declared({ allowOverwrite: true }));
        assert.notStrictEqual(second.sourceFingerprint, first.sourceFingerprint);
        assert.notStrictEqual(second.expectedDigest, first.expectedDigest);
    });

    it("packages again when an input the plan depends on changed", async () => {
        await settle();
        const first = await check({}, declared());
        const recorded = { ...first, chartWarnings: ["recorded by the previous check"] };
        const second = await check(recorded, declared({ annotations: { team: "payments" }, allowOverwrite: true }));
        assert.deepStrictEqual(second.chartWarnings, first.chartWarnings);
        assert.notStrictEqual(second.expectedDigest, first.expectedDigest);
    });

    it("records no fingerprint for a chart changed in the last seconds, nor with git provenance or signing", async () => {
        const fresh = await check({}, declared());
        assert.strictEqual(fresh.sourceFingerprint, undefined, "files just written could change again unseen");
        await settle();
        const withProvenance = await check({}, declared({ provenance: true }));
        assert.strictEqual(withProvenance.sourceFingerprint, undefined, "git history is part of the plan");
    });
});
