import * as fs from "fs";
import * as path from "path";
import * as assert from "assert";
import { repoRoot } from "./support/paths";

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
            "getChart",
            "getChartOutput",
            "packageChart",
            "pushChart",
            "listChartVersions",
            "pullChart",
        ]) {
            assert.strictEqual(typeof root[name], "function", `${name} is exported`);
        }
    });

    it("ships the provider plugin: an executable launcher beside the schema, and the code it starts", () => {
        const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { files: string[] };
        for (const file of ["provider/pulumi-resource-acr-helm", "provider/schema.json", "dist/provider"]) {
            assert.ok(manifest.files.includes(file), `package.json files lists ${file}`);
        }
        const launcher = path.join(repoRoot, "provider", "pulumi-resource-acr-helm");
        assert.ok((fs.statSync(launcher).mode & 0o111) !== 0, "the launcher is executable");
        const target = /dist\/provider\/index\.js/.exec(fs.readFileSync(launcher, "utf8"));
        assert.ok(target && fs.existsSync(path.join(repoRoot, "dist", "provider", "index.js")), "the launcher starts the compiled entry");
    });
});
