import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeFiles } from "../chart/package/support";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { RegistryRequests } from "../../scripts/local/registryRequests";

const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");

function acrHelm(args: string[], env: NodeJS.ProcessEnv = {}) {
    const run = spawnSync(process.execPath, [CLI, ...args], { encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const configmap = "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n";

describe("acr-helm CLI with charts Helm packages but lints, and charts Helm refuses", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let work: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd", accessLog: true });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cli-verdicts-"));
        env = { ACR_HELM_USERNAME: "admin", ACR_HELM_PASSWORD: DEFAULT_USERS.admin.password };
    });
    after(async () => {
        fs.rmSync(work, { recursive: true, force: true });
        await registry?.stop();
    });

    it("publishes a leading-v version under its own spelling, warns on stderr, and pulls it back by that version", () => {
        const chart = path.join(work, "vchart");
        writeFiles(chart, { "Chart.yaml": "apiVersion: v2\nname: vchart\nversion: v0.1.0\n", "templates/cm.yaml": configmap });
        const pushed = acrHelm(["push", chart, `oci://${registry.host}/charts`, "--plain-http"], env);
        assert.strictEqual(pushed.code, 0, pushed.stderr);
        assert.match(pushed.stdout, new RegExp(`^Pushed: ${registry.host}/charts/vchart:v0\\.1\\.0\\n`));
        assert.match(
            pushed.stderr,
            /^Warning: .*Chart\.yaml: version "v0\.1\.0" is not strict SemVer 2: it is published under the tag "v0\.1\.0"/m,
        );
        const pulled = acrHelm(
            ["pull", `oci://${registry.host}/charts/vchart`, "--version", "v0.1.0", "-d", path.join(work, "pulled"), "--plain-http"],
            env,
        );
        assert.strictEqual(pulled.code, 0, pulled.stderr);
        assert.ok(fs.existsSync(path.join(work, "pulled", "vchart-v0.1.0.tgz")));
    });

    it("refuses a chart whose dependency is missing from charts/ before sending anything, naming the dependency and the fix", async () => {
        const chart = path.join(work, "needsdeps");
        writeFiles(chart, {
            "Chart.yaml":
                "apiVersion: v2\nname: needsdeps\nversion: 0.1.0\ndependencies:\n  - name: alpine\n    version: 0.1.0\n    repository: https://charts.example.com\n",
            "templates/cm.yaml": configmap,
        });
        const requests = await RegistryRequests.start(registry);
        const pushed = acrHelm(["push", chart, `oci://${registry.host}/charts`, "--plain-http"], env);
        assert.strictEqual(pushed.code, 1);
        assert.match(
            pushed.stderr,
            /^Error: .*needsdeps\/Chart\.yaml declares dependency alpine, but charts\/ does not contain it; run "helm dependency build .*needsdeps" to fetch it into charts\//m,
        );
        assert.deepStrictEqual(await requests.settled(), [], "no request reached the registry");
    });
});
