import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { copyChart, removeCopy } from "../../support/chartCopies";
import { repoRoot } from "../../support/paths";
import { pluginResource } from "../../provider/pluginResource";

const check = pluginResource("acr-helm:index:ChartPublication").check;

describe("ChartPublication check reports every failure at once", () => {
    let chartDir: string;

    before(() => {
        chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));
    });

    after(() => removeCopy(chartDir));

    const valid = () => ({ chartPath: chartDir, loginServer: "127.0.0.1:5000", repository: "helm", annotations: {}, provenance: false });

    it("names each invalid input with its property", async () => {
        const result = await check(
            {},
            { ...valid(), loginServer: "https://host/with/path", allowOverwrite: "yes", annotations: { team: 7 } },
        );
        assert.deepStrictEqual(
            result.failures?.map((failure) => failure.property),
            ["annotations.team", "allowOverwrite", "loginServer"],
        );
        assert.match(result.failures![1].reason, /expected a boolean \(got a string\)/);
        assert.match(result.failures![2].reason, /is not a registry host; give 'host' or 'host:port'/);
    });

    it("still plans the chart when only inputs that do not locate it are wrong, and reports the chart's problem too", async () => {
        const chartYaml = path.join(chartDir, "Chart.yaml");
        const original = fs.readFileSync(chartYaml, "utf8");
        fs.writeFileSync(chartYaml, original.replace(/^version: .*$/m, "version: not-a-version"));
        try {
            const result = await check({}, { ...valid(), plainHttp: "no" });
            assert.deepStrictEqual(
                result.failures?.map((failure) => failure.property),
                ["plainHttp", "chartPath"],
            );
            assert.match(result.failures![1].reason, /version/);
        } finally {
            fs.writeFileSync(chartYaml, original);
        }
    });

    it("passes valid inputs with the planned properties and no failures", async () => {
        const result = await check({}, valid());
        assert.strictEqual(result.failures, undefined);
        assert.strictEqual(result.inputs.name, "hello-acr");
        assert.match(String(result.inputs.expectedDigest), /^sha256:[a-f0-9]{64}$/);
    });
});
