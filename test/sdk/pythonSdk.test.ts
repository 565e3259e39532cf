import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { run, sdkDir, tempDir } from "./sdkSupport";

// No Python package index is reachable here, so pulumi and pulumi_kubernetes cannot be installed: the Python SDK
// is proven to byte-compile, not to run.
describe("Python SDK", function () {
    this.timeout(120_000);
    const pythonDir = path.join(sdkDir, "python");

    it("byte-compiles", function () {
        const cache = tempDir("pycache");
        try {
            // The bytecode goes to a temporary folder, not into sdk/python.
            run("python3", ["-m", "compileall", "-q", pythonDir], { env: { PYTHONPYCACHEPREFIX: cache.dir } });
        } finally {
            cache.remove();
        }
    });

    it("declares the resources of the schema", function () {
        const packageDir = path.join(pythonDir, "pulumi_acr_helm");
        const source = (file: string) => fs.readFileSync(path.join(packageDir, file), "utf8");
        assert.match(source("chart_publication.py"), /^class ChartPublication\(pulumi\.CustomResource\):/m);
        assert.match(source("release/chart_release.py"), /^class ChartRelease\(pulumi\.ComponentResource\):/m);
        assert.match(source("chart/chart_promotion.py"), /^class ChartPromotion\(pulumi\.ComponentResource\):/m);
    });
});
