import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as zlib from "zlib";
import { packageChart } from "../../../chart/packaging/package";
import { copyTree, fixtureChart, forEachPath, readTarGz, TempDirs } from "./support";

describe("packageChart determinism", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    function twoDifferentCopies(fixture: string): [string, string] {
        const first = path.join(temp.make(), "copy-a");
        const second = path.join(temp.make(), "some-other-dir-name");
        copyTree(fixtureChart(fixture), first, "forward");
        copyTree(fixtureChart(fixture), second, "reverse");
        forEachPath(first, (p, isDir) => {
            fs.chmodSync(p, isDir ? 0o700 : 0o600);
            fs.utimesSync(p, new Date("2001-02-03T04:05:06Z"), new Date("2001-02-03T04:05:06Z"));
        });
        // Owners other than the archive's 0:0: chown when running as root (CI), else the files are already the
        // non-root user's.
        const canChown = process.getuid?.() === 0;
        forEachPath(second, (p) => {
            fs.chmodSync(p, 0o755);
            fs.utimesSync(p, new Date(), new Date());
            if (canChown) fs.chownSync(p, 1234, 5678);
        });
        return [first, second];
    }

    for (const fixture of ["with-subcharts", "build-metadata", "library-chart"]) {
        it(`gives byte-identical archives for two copies of ${fixture} with different mtimes, modes, owners and creation order`, async () => {
            const [first, second] = twoDifferentCopies(fixture);
            const owner = fs.statSync(path.join(second, "Chart.yaml"));
            assert.ok(owner.uid !== 0 && owner.gid !== 0, `the second copy is owned by ${owner.uid}:${owner.gid}, not root`);
            const a = await packageChart(first);
            const b = await packageChart(second);
            assert.ok(a.archive.equals(b.archive), "archives differ");
            for (const entry of await readTarGz(b.archive)) {
                const { uid, gid, uname, gname } = entry.header;
                assert.deepStrictEqual({ uid, gid, uname, gname }, { uid: 0, gid: 0, uname: "", gname: "" }, entry.header.name);
            }
            assert.strictEqual(a.chartDigest, b.chartDigest);
            assert.match(a.chartDigest, /^sha256:[0-9a-f]{64}$/);
        });
    }

    it("computes chartDigest as the sha256 of the archive bytes", async () => {
        const packaged = await packageChart(fixtureChart("build-metadata"));
        const { createHash } = await import("crypto");
        assert.strictEqual(packaged.chartDigest, `sha256:${createHash("sha256").update(packaged.archive).digest("hex")}`);
    });

    it("writes options.mtime into every entry and changes the bytes only through it", async () => {
        const chart = fixtureChart("build-metadata");
        const epoch = await packageChart(chart);
        const later = await packageChart(chart, { mtime: 1700000000 });
        assert.ok(!epoch.archive.equals(later.archive));
        assert.strictEqual(epoch.chartDigest, (await packageChart(chart, { mtime: 0 })).chartDigest);
        for (const entry of await readTarGz(later.archive)) {
            assert.strictEqual(entry.header.mtime.getTime(), 1700000000 * 1000, entry.header.name);
        }
        for (const entry of await readTarGz(epoch.archive)) {
            assert.strictEqual(entry.header.mtime.getTime(), 0, entry.header.name);
        }
    });

    it("rejects an mtime that is not a whole non-negative number of seconds", async () => {
        await assert.rejects(packageChart(fixtureChart("build-metadata"), { mtime: -1 }), /options\.mtime must be a whole number/);
        await assert.rejects(packageChart(fixtureChart("build-metadata"), { mtime: 1.5 }), /options\.mtime must be a whole number/);
    });

    it("writes a gzip header with MTIME 0, no file name and OS 255", async () => {
        const { archive } = await packageChart(fixtureChart("library-chart"));
        assert.deepStrictEqual([...archive.subarray(0, 3)], [0x1f, 0x8b, 8]);
        assert.strictEqual(archive[3], 0, "FLG: no FNAME, FEXTRA or FCOMMENT");
        assert.strictEqual(archive.readUInt32LE(4), 0, "MTIME");
        assert.strictEqual(archive[9], 255, "OS");
        assert.ok(zlib.gunzipSync(archive).length > 0);
    });
});
