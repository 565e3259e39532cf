import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SDK_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { run, sdkDir, tempDir } from "./sdkSupport";

// No Python package index is reachable here, so pulumi and pulumi_kubernetes cannot be installed: the Python SDK
// is proven to byte-compile, not to run.
describe("Python SDK", function () {
    suiteDeadline(this, SDK_SUITE_LIMIT_MINUTES);
    this.timeout(120_000);
    const pythonDir = path.join(sdkDir, "python");

    it("byte-compiles", async function () {
        const cache = tempDir("pycache");
        try {
            // The bytecode goes to a temporary folder, not into sdk/python.
            await run("python3", ["-m", "compileall", "-q", pythonDir], { env: { PYTHONPYCACHEPREFIX: cache.dir } });
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

    // The Azure components, each with the outputs its SDK keeps secret (what the schema marks secret).
    const AZURE_COMPONENTS: [file: string, className: string, secretOutputs: string[]][] = [
        ["registry/container_registry.py", "ContainerRegistry", []],
        ["cluster/aks_cluster.py", "AksCluster", ["kubeconfig"]],
        ["principal/acr_push_principal.py", "AcrPushPrincipal", ["clientSecret"]],
        ["platform/acr_helm_platform.py", "AcrHelmPlatform", ["kubeconfig", "pushClientSecret"]],
    ];
    for (const [file, className, secretOutputs] of AZURE_COMPONENTS) {
        it(`declares the ${className} component${secretOutputs.length > 0 ? `, ${secretOutputs.join(" and ")} kept secret` : ""}`, function () {
            const code = fs.readFileSync(path.join(pythonDir, "pulumi_acr_helm", file), "utf8");
            assert.match(code, new RegExp(`^class ${className}\\(pulumi\\.ComponentResource\\):`, "m"));
            const secret = /additional_secret_outputs=(\[[^\]]*\])/.exec(code);
            assert.deepStrictEqual(secret ? (JSON.parse(secret[1]) as string[]) : [], secretOutputs, `${file} secret outputs`);
        });
    }
});
