import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as path from "path";
import { ChartError } from "../../../chart/model/errors";
import { packageChart } from "../../../chart/packaging/package";
import { minimalChart, TempDirs, writeFiles } from "./support";

const fiveMiB = 5 * 1024 * 1024;

/** Asserts packageChart(dir) fails with a ChartError whose message matches and whose file is set. */
async function rejectsWith(dir: string, message: RegExp, file?: string): Promise<void> {
    await assert.rejects(packageChart(dir), (err: unknown) => {
        assert.ok(err instanceof ChartError, `expected ChartError, got ${String(err)}`);
        assert.match(err.message, message);
        if (file !== undefined) assert.strictEqual(err.file, file);
        return true;
    });
}

const temp = new TempDirs();

function chartWith(files: Record<string, string | Buffer>, base = minimalChart()): string {
    const dir = temp.make();
    writeFiles(dir, { ...base, ...files });
    return dir;
}

function chartYaml(text: string): string {
    return chartWith({ "Chart.yaml": text });
}

describe("packageChart errors in chart metadata name the file and the fix", () => {
    after(() => temp.removeAll());

    it("missing directory", async () => {
        const missing = path.join(temp.make(), "nope");
        await rejectsWith(
            missing,
            /chart path .*nope does not exist; pass a chart directory \(containing Chart\.yaml\) or a chart \.tgz/,
            missing,
        );
    });

    it("missing Chart.yaml", async () => {
        const dir = temp.make();
        writeFiles(dir, { "values.yaml": "a: 1\n" });
        await rejectsWith(
            dir,
            /Chart\.yaml is missing; every chart needs a Chart\.yaml with apiVersion, name and version/,
            `${dir}/Chart.yaml`,
        );
    });

    it("invalid YAML, with the line", async () => {
        const dir = chartYaml("apiVersion: v2\nname: demo\nversion: [0.1.0\n");
        await rejectsWith(dir, /Chart\.yaml is not valid YAML at line \d+: .*Fix the YAML syntax/, `${dir}/Chart.yaml`);
    });

    it("Chart.yaml that is not a mapping", async () => {
        await rejectsWith(chartYaml("- a\n- b\n"), /Chart\.yaml must be a YAML mapping \(key: value pairs\), not a list/);
        await rejectsWith(chartYaml("# nothing\n"), /Chart\.yaml is empty/);
    });

    it("missing name and version", async () => {
        await rejectsWith(chartYaml("apiVersion: v2\nversion: 0.1.0\n"), /name is required; add "name: <chart-name>"/);
        await rejectsWith(
            chartYaml("apiVersion: v2\nname: demo\n"),
            /version is required; add a SemVer 2 version such as "version: 0\.1\.0"/,
        );
    });

    it("invalid chart names", async () => {
        for (const name of ["..", "a/b", "."]) {
            await rejectsWith(
                chartYaml(`apiVersion: v2\nname: "${name}"\nversion: 0.1.0\n`),
                /chart name .* is invalid; use only letters, digits, '\.', '_' and '-'/,
            );
        }
    });

    for (const version of ["1.2.3-01", "1.2.3.4", "latest", "1.2.3+", "v"]) {
        it(`a version Helm refuses: ${version}`, async () => {
            await rejectsWith(
                chartYaml(`apiVersion: v2\nname: demo\nversion: "${version}"\n`),
                /is not a SemVer version; use MAJOR\.MINOR\.PATCH\[-prerelease\]\[\+build\], e\.g\. "1\.2\.3"/,
            );
        });
    }

    it("an apiVersion Helm 4 cannot read", async () => {
        await rejectsWith(
            chartYaml("apiVersion: v3\nname: demo\nversion: 0.1.0\n"),
            /apiVersion "v3" is not supported; Helm 4 packages and installs only "v2" \(and legacy "v1"\) charts\. Use "apiVersion: v2"/,
        );
    });

    it("type, alias and dependency rules", async () => {
        await rejectsWith(
            chartYaml("apiVersion: v2\nname: d\nversion: 0.1.0\ntype: app\n"),
            /type "app" is invalid; use "application" or "library"/,
        );
        await rejectsWith(chartYaml("apiVersion: v2\nname: d\nversion: 0.1.0\ndeprecated: maybe\n"), /deprecated must be true or false/);
        await rejectsWith(
            chartYaml("apiVersion: v2\nname: d\nversion: 0.1.0\nmaintainers:\n  - null\n"),
            /maintainers\[0\] must be a mapping/,
        );
        await rejectsWith(
            chartYaml("apiVersion: v2\nname: d\nversion: 0.1.0\ndependencies:\n  - name: x\n    alias: a.b\n"),
            /alias "a\.b" must match/,
        );
        await rejectsWith(
            chartYaml("apiVersion: v2\nname: d\nversion: 0.1.0\ndependencies:\n  - name: redis\n    version: 1.0.0\n"),
            /declares dependency redis, but charts\/ does not contain it; run "helm dependency build .*" to fetch it into charts\/, or remove it from Chart\.yaml/,
        );
    });

    it("invalid values.yaml and values.schema.json", async () => {
        await rejectsWith(chartWith({ "values.yaml": "a: [1\n" }), /values\.yaml is not valid YAML at line \d+/);
        const dir = chartWith({ "values.schema.json": "{ not json" });
        await rejectsWith(dir, /values\.schema\.json is not valid JSON \(.*\); fix the JSON syntax/, `${dir}/values.schema.json`);
    });
});

describe("packageChart errors in chart files name the file and the fix", () => {
    after(() => temp.removeAll());

    it("a file over Helm's 5 MiB limit", async () => {
        const dir = chartWith({});
        fs.truncateSync(path.join(dir, "values.yaml"), 0);
        const big = path.join(dir, "files", "big.bin");
        fs.mkdirSync(path.dirname(big));
        fs.writeFileSync(big, "");
        fs.truncateSync(big, fiveMiB + 1);
        await rejectsWith(
            dir,
            /big\.bin is 5242881 bytes, over Helm's per-file limit of 5242880 bytes \(5 MiB\); shrink it or add "files\/big\.bin" to \.helmignore/,
            big,
        );
    });

    it("a chart over Helm's 100 MiB total", async () => {
        const dir = chartWith({});
        fs.mkdirSync(path.join(dir, "files"));
        for (let i = 0; i < 21; i++) {
            const file = path.join(dir, "files", `part-${i}.bin`);
            fs.writeFileSync(file, "");
            fs.truncateSync(file, fiveMiB); // sparse: no disk used, and sizes are checked before reading
        }
        await rejectsWith(
            dir,
            /exceeds Helm's total size limit of 104857600 bytes \(100 MiB\) at files\/part-\d+\.bin; remove large files or list them in \.helmignore/,
            dir,
        );
    });

    it("a symlink that leaves the chart, and a broken symlink", async () => {
        const outside = temp.make();
        fs.writeFileSync(path.join(outside, "secret.txt"), "outside");
        const dir = chartWith({});
        fs.symlinkSync(path.join(outside, "secret.txt"), path.join(dir, "leak.txt"));
        await rejectsWith(
            dir,
            /leak\.txt is a symlink to .*secret\.txt, outside the chart directory; copy the target into the chart or add the path to \.helmignore/,
        );
        fs.writeFileSync(path.join(dir, ".helmignore"), "leak.txt\n");
        await packageChart(dir); // ignored links are not followed
        const broken = chartWith({});
        fs.symlinkSync("does-not-exist", path.join(broken, "dangling"));
        await rejectsWith(broken, /dangling is a broken symlink; fix its target or delete it/);
    });

    it("a symlink loop", async () => {
        const dir = chartWith({});
        fs.symlinkSync("..", path.join(dir, "templates", "up"));
        await rejectsWith(dir, /symlink loop at .*templates\/up; remove the link or add "templates\/up" to \.helmignore/);
    });

    it("a fifo", async () => {
        const dir = chartWith({});
        execFileSync("mkfifo", [path.join(dir, "pipe")]);
        await rejectsWith(
            dir,
            /pipe is not a regular file \(fifo, socket or device\); Helm cannot package it — remove it or add "pipe" to \.helmignore/,
        );
    });

    it("a socket", async () => {
        const dir = chartWith({});
        const server = net.createServer();
        await new Promise<void>((resolve) => server.listen(path.join(dir, "sock"), resolve));
        try {
            await rejectsWith(dir, /sock is not a regular file/);
        } finally {
            await new Promise((resolve) => server.close(resolve));
        }
    });

    it("stray files and broken subcharts in charts/", async () => {
        await rejectsWith(
            chartWith({ "charts/README.md": "x" }),
            /charts\/README\.md: charts\/ may hold only subchart directories, \.tgz chart archives and \.prov files/,
        );
        await rejectsWith(chartWith({ "charts/sub/values.yaml": "a: 1\n" }), /charts\/sub\/Chart\.yaml is missing/);
        await rejectsWith(
            chartWith({ "charts/bad-1.0.0.tgz": "not gzip" }),
            /charts\/bad-1\.0\.0\.tgz is not a readable gzip'd chart archive/,
        );
    });
});
