import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { packageChart } from "../../../chart/packaging/package";
import { entryNames, fixtureChart, minimalChart, readTarGz, TempDirs, writeFiles } from "./support";

describe("packageChart archive layout", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    it("lays out the subchart fixture as Helm does, honouring its .helmignore", async () => {
        const packaged = await packageChart(fixtureChart("with-subcharts"));
        assert.strictEqual(packaged.fileName, "parent-app-0.4.0.tgz");
        assert.deepStrictEqual(entryNames(await readTarGz(packaged.archive)), [
            "parent-app/Chart.yaml",
            "parent-app/values.yaml",
            "parent-app/.helmignore",
            "parent-app/charts/archived-0.3.0.tgz",
            "parent-app/charts/child/Chart.yaml",
            "parent-app/charts/child/templates/configmap.yaml",
            "parent-app/charts/child/values.yaml",
            "parent-app/files/docs",
            "parent-app/files/secret-notes.txt",
            "parent-app/templates/NOTES.txt",
            "parent-app/templates/_helpers.tpl",
            "parent-app/templates/configmap.yaml",
        ]);
    });

    it("writes only regular files with mode 0644, uid/gid 0 and no owner names", async () => {
        const entries = await readTarGz((await packageChart(fixtureChart("with-subcharts"))).archive);
        for (const { header } of entries) {
            assert.strictEqual(header.type, "file", header.name);
            assert.strictEqual(header.mode, 0o644, header.name);
            assert.strictEqual(header.uid, 0, header.name);
            assert.strictEqual(header.gid, 0, header.name);
            assert.strictEqual(header.uname, "", header.name);
            assert.strictEqual(header.gname, "", header.name);
            assert.ok(!header.name.includes("\\") && !header.name.endsWith("/"), header.name);
        }
    });

    it("keeps Chart.yaml and subchart archives byte for byte", async () => {
        const chart = fixtureChart("with-subcharts");
        const entries = await readTarGz((await packageChart(chart)).archive);
        const byName = new Map(entries.map((e) => [e.header.name, e.data]));
        assert.ok(byName.get("parent-app/Chart.yaml")?.equals(fs.readFileSync(path.join(chart, "Chart.yaml"))));
        assert.ok(
            byName.get("parent-app/charts/archived-0.3.0.tgz")?.equals(fs.readFileSync(path.join(chart, "charts/archived-0.3.0.tgz"))),
        );
    });

    it("stores a subchart directory under its chart name and applies the parent's rules inside it", async () => {
        const dir = temp.make();
        writeFiles(dir, { ...minimalChart("top"), ".helmignore": "*.md\n" });
        writeFiles(path.join(dir, "charts", "folder-name"), {
            ...minimalChart("inner", "3.1.4"),
            "README.md": "dropped",
            "notes.txt": "kept",
        });
        writeFiles(path.join(dir, "charts"), { "_scratch/Chart.yaml": "not: a chart\n", ".cache/x": "dropped" });
        const names = entryNames(await readTarGz((await packageChart(dir)).archive));
        assert.deepStrictEqual(
            names.filter((n) => n.startsWith("top/charts/")),
            [
                "top/charts/inner/Chart.yaml",
                "top/charts/inner/notes.txt",
                "top/charts/inner/templates/configmap.yaml",
                "top/charts/inner/values.yaml",
            ],
        );
    });
});

describe("packageChart with different kinds of charts", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    it("packages a version with build metadata", async () => {
        const packaged = await packageChart(fixtureChart("build-metadata"));
        assert.strictEqual(packaged.metadata.version, "1.2.3+build.4");
        assert.strictEqual(packaged.fileName, "build-meta-1.2.3+build.4.tgz");
        assert.strictEqual(packaged.metadata.appVersion, "2.0");
        const names = entryNames(await readTarGz(packaged.archive));
        assert.deepStrictEqual(names.slice(0, 3), ["build-meta/Chart.yaml", "build-meta/values.yaml", "build-meta/values.schema.json"]);
    });

    it("packages a library chart", async () => {
        const packaged = await packageChart(fixtureChart("library-chart"));
        assert.strictEqual(packaged.metadata.type, "library");
        assert.deepStrictEqual(entryNames(await readTarGz(packaged.archive)), [
            "common-lib/Chart.yaml",
            "common-lib/templates/_labels.tpl",
        ]);
    });

    it("packages a chart with 300 templates in sorted order", async () => {
        const dir = temp.make();
        const files: Record<string, string> = minimalChart("many");
        for (let i = 0; i < 300; i++) files[`templates/cm-${i}.yaml`] = `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: cm-${i}\n`;
        writeFiles(dir, files);
        const names = entryNames(await readTarGz((await packageChart(dir)).archive));
        assert.strictEqual(names.length, 303);
        const rest = names.slice(2);
        assert.deepStrictEqual(
            rest,
            [...rest].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))),
        );
        assert.ok(names.includes("many/templates/cm-299.yaml"));
    });

    it("reads back long and non-ASCII paths exactly", async () => {
        const dir = temp.make();
        const long = `files/${"deeply-nested-directory/".repeat(5)}${"x".repeat(110)}.txt`;
        writeFiles(dir, { ...minimalChart("names"), [long]: "long", "files/grüße.txt": "umlaut" });
        const entries = await readTarGz((await packageChart(dir)).archive);
        const byName = new Map(entries.map((e) => [e.header.name, e.data.toString()]));
        assert.strictEqual(byName.get(`names/${long}`), "long");
        assert.strictEqual(byName.get("names/files/grüße.txt"), "umlaut");
    });

    it("follows symlinks that stay inside the chart", async () => {
        const dir = temp.make();
        writeFiles(dir, { ...minimalChart("linked"), "files/real.txt": "target" });
        fs.symlinkSync("real.txt", path.join(dir, "files", "alias.txt"));
        fs.symlinkSync("files", path.join(dir, "files-link"));
        const entries = await readTarGz((await packageChart(dir)).archive);
        const byName = new Map(entries.map((e) => [e.header.name, e.data.toString()]));
        assert.strictEqual(byName.get("linked/files/alias.txt"), "target");
        assert.strictEqual(byName.get("linked/files-link/real.txt"), "target");
        assert.ok(entries.every((e) => e.header.type === "file"));
    });
});

describe("packageChart entry names and order", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    it("names the top directory after the chart, not the source directory", async () => {
        const dir = path.join(temp.make(), "unrelated-dir");
        writeFiles(dir, minimalChart("real-name", "2.0.0"));
        const packaged = await packageChart(dir);
        assert.strictEqual(packaged.fileName, "real-name-2.0.0.tgz");
        assert.ok(entryNames(await readTarGz(packaged.archive)).every((n) => n.startsWith("real-name/")));
    });

    it("orders Chart.yaml, Chart.lock, values.yaml, values.schema.json first, then bytewise by path", async () => {
        const dir = temp.make();
        writeFiles(dir, {
            ...minimalChart("ordered"),
            "values.schema.json": "{}",
            "Chart.lock": "dependencies: []\n",
            "a/x.txt": "1",
            "a-b/x.txt": "2",
            "B.txt": "3",
            "README.md": "4",
        });
        assert.deepStrictEqual(entryNames(await readTarGz((await packageChart(dir)).archive)), [
            "ordered/Chart.yaml",
            "ordered/Chart.lock",
            "ordered/values.yaml",
            "ordered/values.schema.json",
            "ordered/B.txt",
            "ordered/README.md",
            "ordered/a-b/x.txt",
            "ordered/a/x.txt",
            "ordered/templates/configmap.yaml",
        ]);
    });
});
