import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import * as tar from "tar-stream";
import { ChartError } from "../../../chart/model/errors";
import { packageChart } from "../../../chart/packaging/package";
import { fixtureChart, TempDirs } from "./support";

type TestEntry = { name: string; body?: string; type?: "file" | "directory" | "symlink"; linkname?: string };

/** Builds a .tgz with arbitrary (possibly hostile) entries. */
async function tgz(entries: TestEntry[]): Promise<Buffer> {
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    const done = (async () => {
        for await (const chunk of pack) chunks.push(chunk as Buffer);
    })();
    for (const entry of entries) {
        const body = entry.type && entry.type !== "file" ? "" : (entry.body ?? "");
        await new Promise<void>((resolve, reject) =>
            pack.entry({ name: entry.name, type: entry.type ?? "file", linkname: entry.linkname }, body, (err) =>
                err ? reject(err) : resolve(),
            ),
        );
    }
    pack.finalize();
    await done;
    return zlib.gzipSync(Buffer.concat(chunks));
}

const chartYaml = "apiVersion: v2\nname: demo\nversion: 0.1.0\n";

describe("packageChart with an existing .tgz", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    function write(name: string, data: Buffer): string {
        const file = path.join(temp.make(), name);
        fs.writeFileSync(file, data);
        return file;
    }

    it("returns our own archive unchanged with the same metadata and digest", async () => {
        const packaged = await packageChart(fixtureChart("with-subcharts"));
        const again = await packageChart(write(packaged.fileName, packaged.archive));
        assert.ok(again.archive.equals(packaged.archive));
        assert.strictEqual(again.chartDigest, packaged.chartDigest);
        assert.deepStrictEqual(again.metadata, packaged.metadata);
        assert.strictEqual(again.fileName, "parent-app-0.4.0.tgz");
    });

    it("returns an archive made by helm package byte for byte", async () => {
        const file = path.join(fixtureChart("with-subcharts"), "charts", "archived-0.3.0.tgz");
        const packaged = await packageChart(file);
        assert.ok(packaged.archive.equals(fs.readFileSync(file)));
        assert.deepStrictEqual(packaged.metadata, {
            apiVersion: "v2",
            name: "archived",
            version: "0.3.0",
            description: "Subchart shipped as an archive",
        });
    });

    it("accepts directory entries in an archive", async () => {
        const archive = await tgz([
            { name: "demo/", type: "directory" },
            { name: "demo/Chart.yaml", body: chartYaml },
        ]);
        assert.strictEqual((await packageChart(write("demo.tgz", archive))).metadata.name, "demo");
    });

    const hostile: [string, TestEntry[], RegExp][] = [
        [
            "two top-level directories",
            [
                { name: "demo/Chart.yaml", body: chartYaml },
                { name: "other/x", body: "x" },
            ],
            /more than one top-level directory \(demo, other\)/,
        ],
        ["Chart.yaml at the root", [{ name: "Chart.yaml", body: chartYaml }], /has Chart\.yaml at the archive root/],
        ["no Chart.yaml", [{ name: "demo/values.yaml", body: "a: 1" }], /has no <chart>\/Chart\.yaml; it is not a Helm chart archive/],
        ["an absolute path", [{ name: "/etc/demo/Chart.yaml", body: chartYaml }], /contains the absolute path \/etc\/demo\/Chart\.yaml/],
        [
            "a .. path",
            [
                { name: "demo/Chart.yaml", body: chartYaml },
                { name: "demo/../../evil", body: "x" },
            ],
            /contains the path demo\/\.\.\/\.\.\/evil with "\.\."/,
        ],
        [
            "a symlink",
            [
                { name: "demo/Chart.yaml", body: chartYaml },
                { name: "demo/link", type: "symlink", linkname: "/etc/passwd" },
            ],
            /contains demo\/link of type symlink; chart archives may hold only regular files/,
        ],
        [
            "an invalid Chart.yaml",
            [{ name: "demo/Chart.yaml", body: "apiVersion: v2\nname: demo\nversion: 1.2.3.4\n" }],
            /Chart\.yaml: version "1\.2\.3\.4" is not a SemVer version/,
        ],
    ];
    for (const [what, entries, message] of hostile) {
        it(`rejects an archive with ${what}`, async () => {
            const file = write("bad.tgz", await tgz(entries));
            await assert.rejects(packageChart(file), (err: unknown) => {
                assert.ok(err instanceof ChartError);
                assert.match(err.message, message);
                assert.ok(err.file?.startsWith(file), err.file);
                return true;
            });
        });
    }

    it("rejects a file that is not gzip, and a file that is not a .tgz", async () => {
        await assert.rejects(
            packageChart(write("junk.tgz", Buffer.from("plain text"))),
            /junk\.tgz is not a readable gzip'd chart archive/,
        );
        await assert.rejects(
            packageChart(write("Chart.yaml", Buffer.from(chartYaml))),
            /Chart\.yaml is a file but not a \.tgz chart archive; pass a chart directory/,
        );
    });

    it("rejects an archive that decompresses past Helm's 100 MiB", async () => {
        const bomb = zlib.gzipSync(Buffer.alloc(120 * 1024 * 1024));
        await assert.rejects(
            packageChart(write("bomb.tgz", bomb)),
            /bomb\.tgz is not a readable gzip'd chart archive: it decompresses to more than Helm's 100 MiB limit/,
        );
    });
});
