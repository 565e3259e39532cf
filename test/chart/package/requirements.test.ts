import * as assert from "assert";
import { parseChartYaml } from "../../../chart/model/chartfile";
import { packageChart, PackagedChart } from "../../../chart/packaging/package";
import { entryNames, minimalChart, readTarGz, TempDirs, writeFiles } from "./support";

/**
 * Helm's rules for the v1 dependency files (loader.LoadFiles and chartutil.Save, Helm 3.22 and 4.3):
 * - apiVersion v2: requirements.yaml's `dependencies` replace Chart.yaml's and are written into the
 *   packaged Chart.yaml; requirements.lock becomes Chart.lock; neither file is packaged.
 * - apiVersion v1: requirements.yaml and requirements.lock are packaged as they are; Chart.lock is not.
 */
const temp = new TempDirs();

const REQUIREMENTS = "# legacy\ndependencies:\n  - name: child\n    version: 1.10\n    condition: child.enabled\n    alias: kid\n";
const REQUIREMENTS_LOCK = 'dependencies:\n  - name: child\n    version: "1.10"\ndigest: sha256:req\ngenerated: "2020-01-01T00:00:00Z"\n';
const CHART_LOCK = 'dependencies: []\ndigest: sha256:chart\ngenerated: "2024-01-01T00:00:00Z"\n';
const CHILD = { "charts/child/Chart.yaml": "apiVersion: v2\nname: child\nversion: 1.10.0\n" };

async function packaged(chartYaml: string, extra: Record<string, string>) {
    const dir = temp.make();
    writeFiles(dir, { ...minimalChart(), "Chart.yaml": chartYaml, ...CHILD, ...extra });
    const chart = await packageChart(dir);
    const entries = await readTarGz(chart.archive);
    const file = (name: string) => entries.find((e) => e.header.name === `${chart.metadata.name}/${name}`)?.data.toString("utf8");
    return { chart, names: entryNames(entries).map((n) => n.slice(n.indexOf("/") + 1)), file };
}

function packagedDependencies(chart: PackagedChart, chartYaml: string | undefined) {
    assert.ok(chartYaml !== undefined, "the archive has a Chart.yaml");
    return parseChartYaml(chartYaml, "packaged Chart.yaml").dependencies;
}

describe("packageChart treats requirements.yaml and requirements.lock as helm package does", () => {
    after(() => temp.removeAll());

    it("v2: moves requirements.yaml's dependencies into Chart.yaml and drops the file", async () => {
        const { chart, names, file } = await packaged(
            "apiVersion: v2\n# kept comment\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: other\n    version: 0.1.0\n",
            { "requirements.yaml": REQUIREMENTS },
        );
        assert.ok(!names.includes("requirements.yaml"), names.join(", "));
        // Helm reads the unquoted 1.10 as the float 1.1, in requirements.yaml and in the packaged Chart.yaml alike.
        const expected = [{ name: "child", version: "1.1", condition: "child.enabled", alias: "kid" }];
        assert.deepStrictEqual(chart.metadata.dependencies, expected);
        assert.deepStrictEqual(packagedDependencies(chart, file("Chart.yaml")), expected);
        assert.match(file("Chart.yaml")!, /# kept comment/);
        assert.match(chart.warnings.join("\n"), /Helm moves them into Chart\.yaml and Chart\.lock/);
    });

    it("v2: requirements.lock replaces Chart.lock and is not packaged", async () => {
        const { names, file } = await packaged("apiVersion: v2\nname: demo\nversion: 0.1.0\n", {
            "requirements.yaml": REQUIREMENTS,
            "requirements.lock": REQUIREMENTS_LOCK,
            "Chart.lock": CHART_LOCK,
        });
        assert.ok(!names.includes("requirements.lock"), names.join(", "));
        assert.strictEqual(file("Chart.lock"), REQUIREMENTS_LOCK);
        assert.strictEqual(names.indexOf("Chart.lock"), 1, "Chart.lock follows Chart.yaml, as Helm writes it");
    });

    it("v2: `dependencies: null` in requirements.yaml removes Chart.yaml's; no `dependencies` key keeps them", async () => {
        const chartYaml = "apiVersion: v2\nname: demo\nversion: 0.1.0\ndependencies:\n  - name: child\n    version: 1.10.0\n";
        const emptied = await packaged(chartYaml, { "requirements.yaml": "dependencies:\n" });
        assert.strictEqual(emptied.chart.metadata.dependencies, undefined);
        assert.strictEqual(packagedDependencies(emptied.chart, emptied.file("Chart.yaml")), undefined);
        const untouched = await packaged(chartYaml, { "requirements.yaml": "# nothing listed\n" });
        assert.deepStrictEqual(untouched.chart.metadata.dependencies, [{ name: "child", version: "1.10.0" }]);
        assert.strictEqual(untouched.file("Chart.yaml"), chartYaml);
        assert.ok(!untouched.names.includes("requirements.yaml"));
    });

    it("v1: packages requirements.yaml and requirements.lock as they are, and not Chart.lock", async () => {
        const { chart, names, file } = await packaged("apiVersion: v1\nname: legacy\nversion: 0.1.0\n", {
            "requirements.yaml": REQUIREMENTS,
            "requirements.lock": REQUIREMENTS_LOCK,
            "Chart.lock": CHART_LOCK,
        });
        assert.strictEqual(file("requirements.yaml"), REQUIREMENTS);
        assert.strictEqual(file("requirements.lock"), REQUIREMENTS_LOCK);
        assert.ok(!names.includes("Chart.lock"), names.join(", "));
        assert.strictEqual(packagedDependencies(chart, file("Chart.yaml")), undefined);
    });
});
