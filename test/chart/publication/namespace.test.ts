import * as assert from "assert";
import * as path from "path";
import { ChartPublication } from "../../../components/publication";
import { checkedAsThePluginDoes } from "../../support/chartMocks";
import { installMocks } from "../../support/mocks";
import { repoRoot } from "../../support/paths";

const ARTIFACT_TYPE = "acr-helm:index:ChartPublication";
const chartPath = path.join(repoRoot, "charts", "hello-acr");

describe("ChartPublication namespace", () => {
    const namespaceOf = (inputs: Record<string, unknown>) => checkedAsThePluginDoes(ARTIFACT_TYPE, inputs).namespace;

    it("puts the chart under `namespace`, and under `helm` when none is given", async () => {
        const recorder = await installMocks();
        new ChartPublication("team", { chartPath, loginServer: "127.0.0.1:5000", namespace: "team-a/charts" });
        new ChartPublication("default", { chartPath, loginServer: "127.0.0.1:5000" });
        await recorder.settled();
        const namespaces = recorder.ofType(ARTIFACT_TYPE).map((artifact) => namespaceOf(artifact.inputs));
        assert.deepStrictEqual(namespaces.sort(), ["helm", "team-a/charts"]);
    });

    it("still takes the deprecated `repository`, and the same value under both names", async () => {
        const recorder = await installMocks();
        new ChartPublication("old", { chartPath, loginServer: "127.0.0.1:5000", repository: "legacy" });
        new ChartPublication("both", { chartPath, loginServer: "127.0.0.1:5000", repository: "same", namespace: "same" });
        await recorder.settled();
        const namespaces = recorder.ofType(ARTIFACT_TYPE).map((artifact) => namespaceOf(artifact.inputs));
        assert.deepStrictEqual(namespaces.sort(), ["legacy", "same"]);
    });

    it("refuses two names that disagree, naming the fix", () => {
        assert.throws(
            () => checkedAsThePluginDoes(ARTIFACT_TYPE, { chartPath, loginServer: "127.0.0.1:5000", repository: "a", namespace: "b" }),
            /namespace: "b" and its former name repository "a" disagree; set only namespace/,
        );
    });
});
