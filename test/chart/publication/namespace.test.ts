import * as assert from "assert";
import * as path from "path";
import { ChartPublication } from "../../../components/publication";
import { installMocks } from "../../support/mocks";
import { repoRoot } from "../../support/paths";

const ARTIFACT_TYPE = "acr-helm:index:ChartPublication";
const chartPath = path.join(repoRoot, "charts", "hello-acr");

describe("ChartPublication namespace", () => {
    it("puts the chart under `namespace`, recorded as the state's `repository` input so older stacks see no change", async () => {
        const recorder = await installMocks();
        new ChartPublication("team", { chartPath, loginServer: "127.0.0.1:5000", namespace: "team-a/charts" });
        await recorder.settled();
        assert.strictEqual(recorder.one(ARTIFACT_TYPE).inputs.repository, "team-a/charts");
    });

    it("still takes the deprecated `repository`, and the same value under both names", async () => {
        const recorder = await installMocks();
        new ChartPublication("old", { chartPath, loginServer: "127.0.0.1:5000", repository: "legacy" });
        new ChartPublication("both", { chartPath, loginServer: "127.0.0.1:5000", repository: "same", namespace: "same" });
        await recorder.settled();
        const inputs = recorder.ofType(ARTIFACT_TYPE).map((artifact) => artifact.inputs.repository);
        assert.deepStrictEqual(inputs.sort(), ["legacy", "same"]);
    });
});
