import * as assert from "assert";

describe("package entry points", () => {
    it("the package root exports every component and the publishing library", () => {
        const root = require("pulumi-acr-helm");
        for (const name of [
            "ContainerRegistry",
            "AksCluster",
            "AcrPushPrincipal",
            "ChartPublication",
            "ChartRelease",
            "AcrHelmPlatform",
            "packageChart",
            "pushChart",
            "listChartVersions",
            "pullChart",
        ]) {
            assert.strictEqual(typeof root[name], "function", `${name} is exported`);
        }
    });

    it("the provider entry point the serialized provider loads resolves by package name", () => {
        const provider = require("pulumi-acr-helm/provider");
        for (const method of ["check", "diff", "create", "update", "read", "remove"]) {
            assert.strictEqual(typeof provider[method], "function", `${method} is exported`);
        }
    });
});
