import * as assert from "assert";
import { ChartError } from "../../../chart/model/errors";
import { packageChart } from "../../../chart/packaging/package";
import { entryNames, minimalChart, readTarGz, TempDirs, writeFiles } from "./support";

const temp = new TempDirs();

function chartDir(files: Record<string, string | Buffer>): string {
    const dir = temp.make();
    writeFiles(dir, { ...minimalChart(), ...files });
    return dir;
}

async function packagedWith(chartYaml: string, extra: Record<string, string | Buffer> = {}) {
    return packageChart(chartDir({ "Chart.yaml": chartYaml, ...extra }));
}

function subchart(name: string): Record<string, string> {
    return { [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: 0.1.0\n` };
}

describe("packageChart publishes what helm package packages, reading it as Helm does and warning as helm lint would", () => {
    after(() => temp.removeAll());

    for (const version of ["v0.1.0", "1.2", "01.2.3", "v1.2.3-rc.1+build.5"]) {
        it(`keeps the spelling of version ${version} and warns that it is not strict SemVer`, async () => {
            const chart = await packagedWith(`apiVersion: v2\nname: demo\nversion: "${version}"\n`);
            assert.strictEqual(chart.metadata.version, version);
            assert.strictEqual(chart.fileName, `demo-${version}.tgz`);
            assert.match(
                chart.warnings.join("\n"),
                new RegExp(`version "${version.replace(/[.+]/g, "\\$&")}" is not strict SemVer 2: it is published under the tag`),
            );
        });
    }

    it("reads numbers and booleans where Helm expects text the way Helm does", async () => {
        const chart = await packagedWith(
            "apiVersion: v2\nname: demo\nversion: 1.0\nappVersion: 1.10\nannotations:\n  prerelease: false\n  replicas: 3\nkeywords: [7]\n",
        );
        assert.strictEqual(chart.metadata.version, "1");
        assert.strictEqual(chart.metadata.appVersion, "1.1");
        assert.deepStrictEqual(chart.metadata.annotations, { prerelease: "false", replicas: "3" });
        assert.deepStrictEqual(chart.metadata.keywords, ["7"]);
        const warnings = chart.warnings.join("\n");
        assert.match(warnings, /version 1\.0 is not a string, so Helm reads it as "1"; quote it, e\.g\. version: "1\.0"/);
        assert.match(warnings, /appVersion 1\.10 is not a string, so Helm reads it as "1\.1"; quote it, e\.g\. appVersion: "1\.10"/);
    });

    it("reads a chart without apiVersion as v1, and warns", async () => {
        const chart = await packagedWith("name: demo\nversion: 0.1.0\n");
        assert.strictEqual(chart.metadata.apiVersion, "v1");
        assert.match(chart.warnings.join("\n"), /apiVersion is missing, so Helm reads the chart as apiVersion v1; add "apiVersion: v2"/);
    });

    it("packages a v1 chart with type and Chart.yaml dependencies the way Helm does: the dependencies left out of the packaged Chart.yaml", async () => {
        const chart = await packagedWith(
            "apiVersion: v1\nname: demo\nversion: 0.1.0\ntype: application\n# kept comment\ndependencies:\n  - name: child\n    version: 0.1.0\n    condition: child.enabled\n",
            {
                ...subchart("child"),
                "Chart.lock": 'dependencies: []\ndigest: sha256:0\ngenerated: "2024-01-01T00:00:00Z"\n',
            },
        );
        assert.strictEqual(chart.metadata.dependencies, undefined);
        const entries = await readTarGz(chart.archive);
        const packagedChartYaml = entries.find((e) => e.header.name === "demo/Chart.yaml")!.data.toString();
        assert.doesNotMatch(packagedChartYaml, /dependencies|child\.enabled/);
        assert.match(packagedChartYaml, /^type: application$/m);
        assert.ok(!entryNames(entries).includes("demo/Chart.lock"), "Helm does not package Chart.lock for v1 charts");
        const warnings = chart.warnings.join("\n");
        assert.match(warnings, /type is meant for apiVersion v2 charts/);
        assert.match(warnings, /Helm leaves the dependencies of Chart\.yaml out of the package/);
    });

    it("warns about a maintainer without a name, an upper-case chart name, repeated keys and several values documents", async () => {
        const chart = await packagedWith("apiVersion: v2\nname: MyChart\nname: MyChart\nversion: 0.1.0\nmaintainers:\n  - email: a@b.c\n", {
            "values.yaml": "a: 1\n---\nb: 2\n",
        });
        assert.strictEqual(chart.metadata.name, "MyChart");
        const warnings = chart.warnings.join("\n");
        assert.match(warnings, /maintainers\[0\] has no name/);
        assert.match(warnings, /chart name "MyChart" is not lower-case .* cannot name an OCI repository/);
        assert.match(warnings, /Chart\.yaml line 3 repeats a key; Helm keeps the last value/);
        assert.match(warnings, /values\.yaml holds 2 YAML documents: Helm 3 reads only the first, Helm 4 merges them/);
    });

    it("has no warnings for a plain v2 chart", async () => {
        assert.deepStrictEqual((await packagedWith("apiVersion: v2\nname: demo\nversion: 0.1.0\n")).warnings, []);
    });
});

describe("packageChart refuses a chart whose dependencies are missing from charts/, before anything is sent", () => {
    after(() => temp.removeAll());

    const deps = (list: string) => `apiVersion: v2\nname: parent\nversion: 0.1.0\ndependencies:\n${list}`;

    it("names every missing dependency (with its aliases) and the fix", async () => {
        const dir = chartDir({
            "Chart.yaml": deps(
                "  - name: alpine\n    version: 0.1.0\n    alias: db\n  - name: redis\n    version: 1.0.0\n  - name: here\n    version: 0.1.0\n",
            ),
            ...subchart("here"),
        });
        await assert.rejects(packageChart(dir), (err: unknown) => {
            assert.ok(err instanceof ChartError);
            assert.strictEqual(
                err.message,
                `${dir}/Chart.yaml declares dependencies alpine (alias db), redis, but charts/ does not contain them; run "helm dependency build ${dir}" to fetch them into charts/, or remove them from Chart.yaml. Nothing was published.`,
            );
            assert.strictEqual(err.file, `${dir}/Chart.yaml`);
            return true;
        });
    });

    it("requires a dependency that a condition or enabled: false turns off, as Helm does", async () => {
        await assert.rejects(
            packagedWith(deps("  - name: alpine\n    version: 0.1.0\n    condition: alpine.enabled\n    enabled: false\n")),
            /declares dependency alpine, but charts\/ does not contain it/,
        );
    });

    it("matches a subchart by its chart name, not its directory name or alias", async () => {
        await assert.rejects(
            packagedWith(deps("  - name: child\n    version: 0.1.0\n"), {
                "charts/child/Chart.yaml": "apiVersion: v2\nname: other\nversion: 0.1.0\n",
            }),
            /declares dependency child/,
        );
        const aliased = await packagedWith(
            deps("  - name: child\n    alias: one\n    version: 0.1.0\n  - name: child\n    alias: two\n    version: 0.1.0\n"),
            subchart("child"),
        );
        assert.strictEqual(aliased.metadata.dependencies?.length, 2);
    });

    it("counts a dependency shipped as a .tgz in charts/", async () => {
        const child = await packageChart(chartDir({ "Chart.yaml": "apiVersion: v2\nname: child\nversion: 0.2.0\n" }));
        const chart = await packagedWith(deps("  - name: child\n    version: 0.2.0\n"), { "charts/child-0.2.0.tgz": child.archive });
        assert.ok(entryNames(await readTarGz(chart.archive)).includes("parent/charts/child-0.2.0.tgz"));
    });

    it("checks only the chart being packaged, like Helm: a subchart's own missing dependency is not an error", async () => {
        const chart = await packagedWith(deps("  - name: child\n    version: 0.1.0\n"), {
            "charts/child/Chart.yaml":
                "apiVersion: v2\nname: child\nversion: 0.1.0\ndependencies:\n  - name: grandchild\n    version: 0.1.0\n",
        });
        assert.strictEqual(chart.metadata.name, "parent");
    });

    it("reads a v1 chart's dependencies from requirements.yaml", async () => {
        await assert.rejects(
            packagedWith("apiVersion: v1\nname: legacy\nversion: 0.1.0\n", {
                "requirements.yaml": "dependencies:\n  - name: absent\n    version: 0.1.0\n",
            }),
            /declares dependency absent, but charts\/ does not contain it/,
        );
    });
});
