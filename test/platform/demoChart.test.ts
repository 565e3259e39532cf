import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { demoChartPath } from "../../components/platform";
import { repoRoot } from "../support/paths";

const demoChart = path.join(repoRoot, "charts", "hello-acr");

describe("demoChartPath", () => {
    it("finds charts/hello-acr from the compiled module in dist/", () => {
        assert.strictEqual(demoChartPath(), demoChart);
        assert.ok(fs.existsSync(path.join(demoChartPath(), "Chart.yaml")));
    });

    it("finds it from the TypeScript sources, where Pulumi runs the stack through ts-node", () => {
        assert.strictEqual(demoChartPath(path.join(repoRoot, "components", "platform")), demoChart);
    });

    describe("in a consumer's node_modules", () => {
        let project: string;

        before(() => {
            project = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-consumer-"));
        });

        after(() => fs.rmSync(project, { recursive: true, force: true }));

        it("finds the chart shipped in the installed package, not the consumer's own files", () => {
            const installed = installPackageFiles(project);
            fs.writeFileSync(path.join(project, "package.json"), JSON.stringify({ name: "my-platform" }));
            const compiledModule = path.join(installed, "dist", "components", "platform");
            const { demoChartPath: installedDemoChartPath } = require(path.join(compiledModule, "demoChart.js"));
            const found = installedDemoChartPath() as string;
            assert.strictEqual(found, path.join(installed, "charts", "hello-acr"));
            assert.ok(fs.existsSync(path.join(found, "Chart.yaml")));
        });
    });
});

/** Lays out what `npm install pulumi-acr-helm` puts on disk for the paths the module needs ("files": dist/components, dist/chart, charts). */
function installPackageFiles(project: string): string {
    const installed = path.join(project, "node_modules", "pulumi-acr-helm");
    const manifest = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { files: string[] };
    assert.ok(manifest.files.includes("charts"), "the package ships charts/");
    for (const module of [
        ["components", "platform", "demoChart.js"],
        ["chart", "packageRoot.js"],
    ]) {
        assert.ok(manifest.files.includes(`dist/${module[0]}`), `the package ships dist/${module[0]}/`);
        fs.mkdirSync(path.join(installed, "dist", ...module.slice(0, -1)), { recursive: true });
        fs.copyFileSync(path.join(repoRoot, "dist", ...module), path.join(installed, "dist", ...module));
    }
    fs.copyFileSync(path.join(repoRoot, "package.json"), path.join(installed, "package.json"));
    fs.cpSync(path.join(repoRoot, "charts"), path.join(installed, "charts"), { recursive: true });
    return installed;
}
