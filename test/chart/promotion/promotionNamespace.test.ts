import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { ChartPromotion } from "../../../components/promotion/chartPromotion";
import { agreedNamespace, endpointNamespace } from "../../../components/promotion/namespace";
import { ValidationError } from "../../../chart/model/validation";
import { installMocks, promiseOf } from "../../support/mocks";

const PROMOTED_TYPE = "acr-helm:index:PromotedChart";
const dev = { loginServer: "dev.azurecr.io" };
const prod = { loginServer: "prod.azurecr.io" };

describe("ChartPromotion namespace", () => {
    it("puts the chart under each end's `namespace`, recorded as the state's `repository` so older stacks see no change", async () => {
        const recorder = await installMocks();
        new ChartPromotion("team", {
            source: { ...dev, namespace: "team-a/charts" },
            destination: { ...prod, namespace: "released" },
            chart: "hello-acr",
            version: "0.1.0",
        });
        await recorder.settled();
        const { source, destination } = recorder.one(PROMOTED_TYPE).inputs;
        assert.deepStrictEqual([source.repository, destination.repository], ["team-a/charts", "released"]);
        assert.strictEqual("namespace" in source, false, "no new state key: a stack promoted before sees the same inputs");
    });

    it("still takes the deprecated `repository`, the same value under both names, and defaults to helm", async () => {
        const recorder = await installMocks();
        new ChartPromotion("old", { source: { ...dev, repository: "legacy" }, destination: prod, chart: "a", version: "1.0.0" });
        new ChartPromotion("both", {
            source: { ...dev, namespace: "same", repository: "same" },
            destination: { ...prod, namespace: pulumi.output("later"), repository: "later" },
            chart: "b",
            version: "1.0.0",
        });
        await recorder.settled();
        const ends = recorder
            .ofType(PROMOTED_TYPE)
            .map(({ name, inputs }) => `${name}: ${inputs.source.repository} -> ${inputs.destination.repository}`)
            .sort();
        assert.deepStrictEqual(ends, ["both-copy: same -> later", "old-copy: legacy -> helm"]);
    });

    it("refuses `namespace` and `repository` that disagree, naming the end and the fix, and registers nothing", async () => {
        const recorder = await installMocks();
        assert.throws(
            () =>
                new ChartPromotion("clash", {
                    source: dev,
                    destination: { ...prod, namespace: "charts", repository: "helm" },
                    chart: "hello-acr",
                    version: "0.1.0",
                }),
            (error: unknown) =>
                error instanceof ValidationError &&
                error.property === "destination.namespace" &&
                error.message ===
                    "destination.namespace 'charts' and its deprecated name destination.repository 'helm' disagree; set only destination.namespace",
        );
        await recorder.settled();
        assert.deepStrictEqual(
            recorder.resources.filter((resource) => resource.name.startsWith("clash")),
            [],
        );
    });

    it("checks values that are Outputs once they resolve, with the same rule", async () => {
        await installMocks();
        const agreed = endpointNamespace({ ...dev, namespace: pulumi.output("charts"), repository: pulumi.output("charts") }, "source");
        assert.strictEqual(await promiseOf(pulumi.output(agreed)), "charts");
        assert.strictEqual(agreedNamespace("source", "charts", "charts"), "charts");
        assert.throws(
            () => agreedNamespace("source", "charts", "other"),
            /source\.namespace 'charts' and its deprecated name source\.repository 'other' disagree/,
        );
    });
});
