import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { packageChart, PackagedChart } from "../../../chart/packaging/package";
import { requireTool } from "../../support/tools";
import { parse } from "yaml";
import { entryNames, fixtureChart, readTarGz, TempDirs, writeFiles } from "./support";

const run = promisify(execFile);

/** Runs the real helm binary with its own config/cache/data homes and packages charts to files. */
class HelmSession {
    private readonly temp = new TempDirs();
    private helmBin = "";
    private helmHome = "";
    workDir = "";

    start(): void {
        this.helmBin = requireTool("helm");
        this.helmHome = this.temp.make("helm-home-");
        this.workDir = this.temp.make("helm-work-");
    }

    stop(): void {
        this.temp.removeAll();
    }

    async helm(...args: string[]): Promise<string> {
        const env = {
            ...process.env,
            HELM_CONFIG_HOME: path.join(this.helmHome, "config"),
            HELM_CACHE_HOME: path.join(this.helmHome, "cache"),
            HELM_DATA_HOME: path.join(this.helmHome, "data"),
        };
        const { stdout, stderr } = await run(this.helmBin, args, { env, maxBuffer: 16 * 1024 * 1024 });
        return stdout + stderr;
    }

    async packageToFile(chartDir: string): Promise<{ chart: PackagedChart; file: string }> {
        const chart = await packageChart(chartDir);
        const file = path.join(fs.mkdtempSync(path.join(this.workDir, "out-")), chart.fileName);
        fs.writeFileSync(file, chart.archive);
        return { chart, file };
    }

    /** The archive `helm package` makes from `chartDir`. */
    async helmPackage(chartDir: string): Promise<string> {
        const dest = fs.mkdtempSync(path.join(this.workDir, "helm-package-"));
        await this.helm("package", chartDir, "--destination", dest);
        const [made] = fs.readdirSync(dest);
        return path.join(dest, made);
    }

    /** Entry names of the archive `helm package` makes from `chartDir`, sorted. */
    async helmPackageNames(chartDir: string): Promise<string[]> {
        return entryNames(await readTarGz(fs.readFileSync(await this.helmPackage(chartDir)))).sort();
    }
}

function withHelm(title: string, body: (session: HelmSession) => void): void {
    describe(title, function () {
        this.timeout(120000);
        const session = new HelmSession();
        before(() => session.start());
        after(() => session.stop());
        body(session);
    });
}

withHelm("helm reads the packaged helm create scaffold", (session) => {
    let scaffold: string;
    let file: string;
    before(async () => {
        scaffold = path.join(session.workDir, "mychart");
        await session.helm("create", scaffold);
        file = (await session.packageToFile(scaffold)).file;
    });

    it("passes helm lint", async () => {
        assert.match(await session.helm("lint", file), /1 chart\(s\) linted, 0 chart\(s\) failed/);
    });

    it("renders with helm template", async () => {
        const manifests = await session.helm("template", "rel", file);
        assert.match(manifests, /kind: Deployment/);
        assert.match(manifests, /name: rel-mychart/);
        assert.match(manifests, /# Source: mychart\/templates\/service\.yaml/);
    });

    it("shows the chart name and version with helm show chart", async () => {
        const shown = await session.helm("show", "chart", file);
        assert.match(shown, /^name: mychart$/m);
        assert.match(shown, /^version: 0\.1\.0$/m);
    });

    it("holds the same files as helm package", async () => {
        const ours = entryNames(await readTarGz(fs.readFileSync(file))).sort();
        assert.deepStrictEqual(ours, await session.helmPackageNames(scaffold));
    });
});

withHelm("helm reads the packaged subchart fixture", (session) => {
    let file: string;
    before(async () => {
        file = (await session.packageToFile(fixtureChart("with-subcharts"))).file;
    });

    it("passes helm lint", async () => {
        assert.match(await session.helm("lint", file), /1 chart\(s\) linted, 0 chart\(s\) failed/);
    });

    it("renders the parent and both subcharts with parent values applied", async () => {
        const manifests = await session.helm("template", "r", file);
        assert.match(manifests, /name: r-parent-app\ndata:\n {2}greeting: "hello"/);
        assert.match(manifests, /name: r-child\ndata:\n {2}color: "blue"/);
        assert.match(manifests, /name: r-archived\ndata:\n {2}replicas: "1"/);
    });

    it("shows the chart name and version with helm show chart", async () => {
        const shown = await session.helm("show", "chart", file);
        assert.match(shown, /^name: parent-app$/m);
        assert.match(shown, /^version: 0\.4\.0$/m);
    });

    it("holds the files helm package keeps (helm expands the archived subchart, we keep the .tgz)", async () => {
        const archivedTgz = path.join(fixtureChart("with-subcharts"), "charts", "archived-0.3.0.tgz");
        const expanded = entryNames(await readTarGz(fs.readFileSync(archivedTgz))).map((n) => `parent-app/charts/${n}`);
        const ours = entryNames(await readTarGz(fs.readFileSync(file))).filter((n) => !n.endsWith("archived-0.3.0.tgz"));
        assert.deepStrictEqual([...ours, ...expanded].sort(), await session.helmPackageNames(fixtureChart("with-subcharts")));
    });
});

withHelm("helm reads packaged build-metadata and library charts", (session) => {
    it("keeps build metadata in the version Helm reads", async () => {
        const { file } = await session.packageToFile(fixtureChart("build-metadata"));
        assert.match(await session.helm("show", "chart", file), /^version: 1\.2\.3\+build\.4$/m);
        assert.match(await session.helm("template", "b", file), /version: "1\.2\.3\+build\.4"/);
        assert.match(await session.helm("lint", file), /0 chart\(s\) failed/);
    });

    it("packages a library chart Helm lints and refuses to install", async () => {
        const { file } = await session.packageToFile(fixtureChart("library-chart"));
        assert.match(await session.helm("lint", file), /0 chart\(s\) failed/);
        await assert.rejects(session.helm("template", "lib", file), /library charts are not installable/);
    });
});

withHelm("helm package and ours treat a v2 chart's requirements.yaml and requirements.lock alike", (session) => {
    let chartDir: string;
    let ours: string;
    let theirs: string;
    before(async () => {
        chartDir = path.join(session.workDir, "v2reqs");
        writeFiles(chartDir, {
            "Chart.yaml": "apiVersion: v2\nname: v2reqs\nversion: 0.1.0\ndependencies:\n  - name: other\n    version: 0.1.0\n",
            "requirements.yaml": "dependencies:\n  - name: child\n    version: 0.2.0\n    alias: kid\n    condition: kid.enabled\n",
            "requirements.lock":
                'dependencies:\n  - name: child\n    version: 0.2.0\ndigest: sha256:req\ngenerated: "2020-01-01T00:00:00Z"\n',
            "Chart.lock": 'dependencies: []\ndigest: sha256:chart\ngenerated: "2024-01-01T00:00:00Z"\n',
            "values.yaml": "kid:\n  enabled: true\n",
            "charts/child/Chart.yaml": "apiVersion: v2\nname: child\nversion: 0.2.0\n",
            "charts/child/templates/cm.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\n",
        });
        ours = (await session.packageToFile(chartDir)).file;
        theirs = await session.helmPackage(chartDir);
    });

    it("holds the same files", async () => {
        const names = async (file: string) => entryNames(await readTarGz(fs.readFileSync(file))).sort();
        assert.deepStrictEqual(await names(ours), await names(theirs));
    });

    it("reads the same Chart.yaml and lock, with no migration warning", async () => {
        const shownOurs = await session.helm("show", "chart", ours);
        assert.strictEqual(shownOurs, await session.helm("show", "chart", theirs));
        assert.match(shownOurs, /alias: kid/);
        assert.doesNotMatch(shownOurs, /Warning/);
        // Helm writes the lock through its own struct (adding `repository: ""`): compare what it holds.
        const lock = async (file: string) => {
            const entry = (await readTarGz(fs.readFileSync(file))).find((e) => e.header.name === "v2reqs/Chart.lock");
            const read = parse(entry!.data.toString()) as { digest: string; dependencies: { name: string; version: string }[] };
            return { digest: read.digest, dependencies: read.dependencies.map(({ name, version }) => ({ name, version })) };
        };
        assert.deepStrictEqual(await lock(ours), await lock(theirs));
    });

    it("renders the same", async () => {
        assert.strictEqual(await session.helm("template", "r", ours), await session.helm("template", "r", theirs));
    });
});
