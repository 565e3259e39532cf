import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as mt from "../../chart/helmOci/mediaTypes";
import { packageChart } from "../../chart/packaging/package";
import { BlackHoleServer } from "../support/blackHole";
import { repoRoot } from "../support/paths";
import { RawRegistryClient } from "../support/rawRegistry";
import { startRegistry, TestRegistry } from "../support/registry";

const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");

function acrHelm(
    args: string[],
    env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; stdout: string; stderr: string; ms: number }> {
    const started = Date.now();
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH, ...env } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdin.end();
        child.on("exit", (code) => resolve({ code, stdout, stderr, ms: Date.now() - started }));
    });
}

/** Every file below `dir`, relative to it. */
function filesUnder(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs
        .readdirSync(dir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name)))
        .sort();
}

describe("acr-helm against hostile and dead registries", function () {
    this.timeout(90_000);
    let registry: TestRegistry;
    let raw: RawRegistryClient;
    let work: string;
    let env: NodeJS.ProcessEnv;

    /** Stores a chart archive under charts/<repoChart>:<tag> with a config the test chooses, via the raw client. */
    async function publishRaw(repoChart: string, tag: string, config: unknown, archive: Buffer): Promise<void> {
        const repository = `charts/${repoChart}`;
        const configBlob = await raw.putBlob(repository, Buffer.from(JSON.stringify(config)));
        const chartBlob = await raw.putBlob(repository, archive);
        await raw.putManifest(repository, tag, {
            schemaVersion: 2,
            config: { mediaType: mt.HELM_CONFIG_MEDIA_TYPE, ...configBlob },
            layers: [{ mediaType: mt.HELM_CHART_LAYER_MEDIA_TYPE, ...chartBlob }],
        });
    }

    async function archiveOf(name: string, version: string): Promise<Buffer> {
        const dir = path.join(work, "src", name);
        fs.mkdirSync(dir, { recursive: true });
        fs.writeFileSync(path.join(dir, "Chart.yaml"), `apiVersion: v2\nname: ${name}\nversion: ${version}\n`);
        fs.writeFileSync(path.join(dir, "values.yaml"), "a: 1\n");
        return (await packageChart(dir)).archive;
    }

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        raw = new RawRegistryClient(registry.host, "admin", registry.users.admin.password);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-safety-"));
        env = { ACR_HELM_USERNAME: "admin", ACR_HELM_PASSWORD: registry.users.admin.password };
    });
    after(async () => {
        fs.rmSync(work, { recursive: true, force: true });
        await registry?.stop();
    });

    it("pull without --untar refuses a config name that would write outside -d, and writes nothing anywhere", async () => {
        await publishRaw(
            "escape",
            "0.1.0",
            { name: "../../../escape", version: "0.1.0", apiVersion: "v2" },
            await archiveOf("escape", "0.1.0"),
        );
        const destination = path.join(work, "pulls", "a", "b", "c");
        const before = filesUnder(work);
        const result = await acrHelm(
            ["pull", `oci://${registry.host}/charts/escape`, "--version", "0.1.0", "-d", destination, "--plain-http"],
            env,
        );
        assert.strictEqual(result.code, 1, result.stderr);
        assert.match(result.stderr, /names the chart "\.\.\/\.\.\/\.\.\/escape", which is not a valid chart name/);
        assert.match(result.stderr, /Nothing was written/);
        assert.deepStrictEqual(filesUnder(work), before, "no file was added anywhere under the work folder");
    });

    it("pull --untar refuses an archive whose folder is not the chart's name, and extracts nothing", async () => {
        await publishRaw("named", "0.1.0", { name: "named", version: "0.1.0" }, await archiveOf("impostor", "0.1.0"));
        const destination = path.join(work, "untar");
        const result = await acrHelm(
            ["pull", `oci://${registry.host}/charts/named`, "--version", "0.1.0", "-d", destination, "--untar", "--plain-http"],
            env,
        );
        assert.strictEqual(result.code, 1, result.stderr);
        assert.match(result.stderr, /holds the directory "impostor", not the chart's name "named"; nothing was extracted/);
        assert.deepStrictEqual(filesUnder(destination), []);
    });

    it("pull of a sound chart writes exactly <name>-<version>.tgz inside -d", async () => {
        await publishRaw("sound", "0.1.0", { name: "sound", version: "0.1.0" }, await archiveOf("sound", "0.1.0"));
        const destination = path.join(work, "sound");
        const result = await acrHelm(
            ["pull", `oci://${registry.host}/charts/sound`, "--version", "0.1.0", "-d", destination, "--plain-http"],
            env,
        );
        assert.strictEqual(result.code, 0, result.stderr);
        assert.deepStrictEqual(filesUnder(destination), ["sound-0.1.0.tgz"]);
    });

    describe("a registry that accepts connections and never answers", () => {
        let hole: BlackHoleServer;
        before(async () => {
            hole = await new BlackHoleServer().start();
        });
        after(async () => hole?.stop());

        it("push --timeout 2 fails in about 2 s, naming the registry, the operation and --timeout", async () => {
            const result = await acrHelm([
                "push",
                path.join(repoRoot, "charts", "hello-acr"),
                `oci://${hole.host}/charts`,
                "--plain-http",
                "--timeout",
                "2",
            ]);
            assert.strictEqual(result.code, 1);
            assert.ok(result.ms < 6000, `took ${result.ms} ms`);
            assert.match(result.stderr, new RegExp(`^Error: push ${hole.host}/charts/hello-acr failed: .*within 2 s`));
            assert.match(result.stderr, /pass --timeout <seconds>/);
        });

        it("push with the default limits fails in about 20 s instead of minutes", async () => {
            const result = await acrHelm(["push", path.join(repoRoot, "charts", "hello-acr"), `oci://${hole.host}/charts`, "--plain-http"]);
            assert.strictEqual(result.code, 1);
            assert.ok(result.ms >= 19_000 && result.ms < 30_000, `took ${result.ms} ms`);
            assert.match(result.stderr, new RegExp(`registry ${hole.host} did not answer within 20 s \\(timeoutMs\\)`));
            assert.match(result.stderr, /pass --timeout <seconds>/);
        });
    });

    it("usage documents --timeout and --no-lock, and a bad --timeout is a usage error naming the flag", async () => {
        const help = await acrHelm(["help"]);
        assert.match(help.stdout, /\[--timeout <seconds>\]/);
        assert.match(help.stdout, /--no-lock/);
        const bad = await acrHelm(["tags", `oci://${registry.host}/charts/sound`, "--timeout", "soon"]);
        assert.strictEqual(bad.code, 2);
        assert.match(bad.stderr, /--timeout takes a positive number of seconds, e\.g\. --timeout 120 \(got "soon"\)/);
    });
});
