import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";

const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");
const CHART = path.join(repoRoot, "charts", "hello-acr");

function acrHelm(args: string[], stdin = "", env: NodeJS.ProcessEnv = {}) {
    const run = spawnSync(process.execPath, [CLI, ...args], { input: stdin, encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("acr-helm CLI", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let work: string;
    const password = DEFAULT_USERS.admin.password;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cli-"));
    });
    after(async () => {
        fs.rmSync(work, { recursive: true, force: true });
        await registry?.stop();
    });

    it("package writes <name>-<version>.tgz, byte-identical on a second run", () => {
        const first = acrHelm(["package", CHART, "-d", path.join(work, "a")]);
        const second = acrHelm(["package", CHART, "-d", path.join(work, "b")]);
        assert.strictEqual(first.code, 0, first.stderr);
        assert.match(first.stdout, /Successfully packaged chart and saved it to: .*hello-acr-0\.1\.0\.tgz/);
        assert.deepStrictEqual(
            fs.readFileSync(path.join(work, "a", "hello-acr-0.1.0.tgz")),
            fs.readFileSync(path.join(work, "b", "hello-acr-0.1.0.tgz")),
        );
        assert.strictEqual(second.stdout.split("\n")[1], first.stdout.split("\n")[1]);
    });

    it("push, tags and pull --untar round-trip through two namespaces", () => {
        for (const namespace of ["charts", "my-helm-charts"]) {
            const pushed = acrHelm(
                ["push", CHART, `oci://${registry.host}/${namespace}`, "--username", "admin", "--password-stdin", "--plain-http"],
                `${password}\n`,
            );
            assert.strictEqual(pushed.code, 0, pushed.stderr);
            assert.match(
                pushed.stdout,
                new RegExp(`^Pushed: ${registry.host}/${namespace}/hello-acr:0\\.1\\.0\\nDigest: sha256:[a-f0-9]{64}\\n$`),
            );
        }
        const env = { ACR_HELM_USERNAME: "admin", ACR_HELM_PASSWORD: password };
        const tags = acrHelm(["tags", `oci://${registry.host}/charts/hello-acr`, "--plain-http"], "", env);
        assert.strictEqual(tags.code, 0, tags.stderr);
        assert.strictEqual(tags.stdout, "0.1.0\n");
        const pulled = acrHelm(
            [
                "pull",
                `oci://${registry.host}/my-helm-charts/hello-acr`,
                "--version",
                "0.1.0",
                "-d",
                path.join(work, "pulled"),
                "--untar",
                "--plain-http",
            ],
            "",
            env,
        );
        assert.strictEqual(pulled.code, 0, pulled.stderr);
        assert.strictEqual(
            fs.readFileSync(path.join(work, "pulled", "hello-acr", "values.yaml"), "utf8"),
            fs.readFileSync(path.join(CHART, "values.yaml"), "utf8"),
        );
    });

    it("a wrong password exits 1 with the registry and user named on stderr, and no secret", () => {
        const wrong = "wrong-Secret-pa55";
        const result = acrHelm(
            ["push", CHART, `oci://${registry.host}/charts`, "--username", "admin", "--password-stdin", "--plain-http"],
            wrong,
        );
        assert.strictEqual(result.code, 1);
        assert.match(result.stderr, /^Error: .*admin/);
        assert.ok(result.stderr.includes(registry.host));
        assert.ok(!result.stderr.includes(wrong) && !result.stdout.includes(wrong));
    });

    it("usage mistakes exit 2 with the usage text", () => {
        const unknown = acrHelm(["publish"]);
        assert.strictEqual(unknown.code, 2);
        assert.match(unknown.stderr, /unknown command 'publish'; use one of: package, push, tags, pull/);
        const noVersion = acrHelm(["pull", `oci://${registry.host}/charts/hello-acr`]);
        assert.strictEqual(noVersion.code, 2);
        assert.match(noVersion.stderr, /--version is required/);
        const badRef = acrHelm(["push", CHART, "https://example.com/charts"]);
        assert.strictEqual(badRef.code, 1);
        assert.match(badRef.stderr, /not of the form oci:\/\/<registry>\/<repository>/);
    });

    it("a missing chart directory names the path", () => {
        const result = acrHelm(["package", path.join(work, "nope")]);
        assert.strictEqual(result.code, 1);
        assert.ok(result.stderr.includes(path.join(work, "nope")), result.stderr);
    });
});
