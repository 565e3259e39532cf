import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { packageChart, PackagedChart } from "../../../components/chart/package";
import { requireTool } from "../../support/tools";
import { entryNames, fixtureChart, readTarGz, TempDirs } from "./support";

const run = promisify(execFile);

/** Real Helm reading archives made by packageChart. */
describe("packaged charts read by the real helm binary", function () {
    this.timeout(120000);
    const temp = new TempDirs();
    let helmBin: string;
    let helmHome: string;
    let workDir: string;
    after(() => temp.removeAll());

    before(() => {
        helmBin = requireTool("helm");
        helmHome = temp.make("helm-home-");
        workDir = temp.make("helm-work-");
    });

    async function helm(...args: string[]): Promise<string> {
        const env = {
            ...process.env,
            HELM_CONFIG_HOME: path.join(helmHome, "config"),
            HELM_CACHE_HOME: path.join(helmHome, "cache"),
            HELM_DATA_HOME: path.join(helmHome, "data"),
        };
        const { stdout, stderr } = await run(helmBin, args, { env, maxBuffer: 16 * 1024 * 1024 });
        return stdout + stderr;
    }

    async function packageToFile(chartDir: string): Promise<{ chart: PackagedChart; file: string }> {
        const chart = await packageChart(chartDir);
        const file = path.join(fs.mkdtempSync(path.join(workDir, "out-")), chart.fileName);
        fs.writeFileSync(file, chart.archive);
        return { chart, file };
    }

    async function helmPackageNames(chartDir: string): Promise<string[]> {
        const dest = fs.mkdtempSync(path.join(workDir, "helm-package-"));
        await helm("package", chartDir, "--destination", dest);
        const [made] = fs.readdirSync(dest);
        return entryNames(await readTarGz(fs.readFileSync(path.join(dest, made)))).sort();
    }

    describe("the helm create scaffold", () => {
        let scaffold: string;
        let file: string;
        before(async () => {
            scaffold = path.join(workDir, "mychart");
            await helm("create", scaffold);
            file = (await packageToFile(scaffold)).file;
        });

        it("passes helm lint", async () => {
            assert.match(await helm("lint", file), /1 chart\(s\) linted, 0 chart\(s\) failed/);
        });

        it("renders with helm template", async () => {
            const manifests = await helm("template", "rel", file);
            assert.match(manifests, /kind: Deployment/);
            assert.match(manifests, /name: rel-mychart/);
            assert.match(manifests, /# Source: mychart\/templates\/service\.yaml/);
        });

        it("shows the chart name and version with helm show chart", async () => {
            const shown = await helm("show", "chart", file);
            assert.match(shown, /^name: mychart$/m);
            assert.match(shown, /^version: 0\.1\.0$/m);
        });

        it("holds the same files as helm package", async () => {
            const ours = entryNames(await readTarGz(fs.readFileSync(file))).sort();
            assert.deepStrictEqual(ours, await helmPackageNames(scaffold));
        });
    });

    describe("the subchart fixture", () => {
        let file: string;
        before(async () => {
            file = (await packageToFile(fixtureChart("with-subcharts"))).file;
        });

        it("passes helm lint", async () => {
            assert.match(await helm("lint", file), /1 chart\(s\) linted, 0 chart\(s\) failed/);
        });

        it("renders the parent and both subcharts with parent values applied", async () => {
            const manifests = await helm("template", "r", file);
            assert.match(manifests, /name: r-parent-app\ndata:\n {2}greeting: "hello"/);
            assert.match(manifests, /name: r-child\ndata:\n {2}color: "blue"/);
            assert.match(manifests, /name: r-archived\ndata:\n {2}replicas: "1"/);
        });

        it("shows the chart name and version with helm show chart", async () => {
            const shown = await helm("show", "chart", file);
            assert.match(shown, /^name: parent-app$/m);
            assert.match(shown, /^version: 0\.4\.0$/m);
        });

        it("holds the files helm package keeps (helm expands the archived subchart, we keep the .tgz)", async () => {
            const archivedTgz = path.join(fixtureChart("with-subcharts"), "charts", "archived-0.3.0.tgz");
            const expanded = entryNames(await readTarGz(fs.readFileSync(archivedTgz))).map((n) => `parent-app/charts/${n}`);
            const ours = entryNames(await readTarGz(fs.readFileSync(file))).filter((n) => !n.endsWith("archived-0.3.0.tgz"));
            assert.deepStrictEqual([...ours, ...expanded].sort(), await helmPackageNames(fixtureChart("with-subcharts")));
        });
    });

    it("keeps build metadata in the version Helm reads", async () => {
        const { file } = await packageToFile(fixtureChart("build-metadata"));
        assert.match(await helm("show", "chart", file), /^version: 1\.2\.3\+build\.4$/m);
        assert.match(await helm("template", "b", file), /version: "1\.2\.3\+build\.4"/);
        assert.match(await helm("lint", file), /0 chart\(s\) failed/);
    });

    it("packages a library chart Helm lints and refuses to install", async () => {
        const { file } = await packageToFile(fixtureChart("library-chart"));
        assert.match(await helm("lint", file), /0 chart\(s\) failed/);
        await assert.rejects(helm("template", "lib", file), /library charts are not installable/);
    });
});
