import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { LocalCluster, startLocalCluster } from "../support/kube";
import { repoRoot } from "../support/paths";
import { startRegistry, TestRegistry } from "../support/registry";
import { requireTool } from "../support/tools";
import { E2E_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

const run = promisify(execFile);

// What ChartRelease asks of Helm: install `oci://<registry>/<namespace>/<chart>` at an exact version with
// credentials handed to the install itself (its repositoryOpts), with no `helm registry login` beforehand.
describe("Helm installs hello-acr from an OCI registry with pull-only credentials and no registry login", function () {
    suiteDeadline(this, E2E_SUITE_LIMIT_MINUTES);
    this.timeout(180_000);
    let cluster: LocalCluster;
    let registry: TestRegistry;
    let workDir: string;

    const helm = async (...args: string[]) => {
        const env = {
            ...process.env,
            HELM_CACHE_HOME: path.join(workDir, "cache"),
            HELM_CONFIG_HOME: path.join(workDir, "config"),
            HELM_DATA_HOME: path.join(workDir, "data"),
            HELM_REGISTRY_CONFIG: path.join(workDir, "registry-config.json"),
        };
        return (await run(requireTool("helm"), args, { env, cwd: workDir })).stdout;
    };

    before(async () => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-oci-install-"));
        [cluster, registry] = await Promise.all([startLocalCluster(), startRegistry({ auth: "htpasswd" })]);
        await helm("package", path.join(repoRoot, "charts", "hello-acr"), "--destination", workDir);
        const admin = registry.users.admin;
        await helm(
            "push",
            path.join(workDir, "hello-acr-0.1.0.tgz"),
            `oci://${registry.host}/helm`,
            "--plain-http",
            "--username",
            "admin",
            "--password",
            admin.password,
        );
    });

    after(async () => {
        await Promise.all([cluster?.stop(), registry?.stop()]);
        if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    it("refuses the pull without credentials", async () => {
        await assert.rejects(
            helm(
                "install",
                "anon",
                `oci://${registry.host}/helm/hello-acr`,
                "--version",
                "0.1.0",
                "--plain-http",
                "-n",
                "apps",
                "--create-namespace",
                "--kubeconfig",
                cluster.kubeconfigPath,
            ),
            (err: Error & { stderr?: string }) => /401|unauthorized|basic credential not found/i.test(err.stderr ?? ""),
        );
    });

    it("installs with the reader's username and password, and stores nothing in Helm's registry config", async () => {
        const install = await helm(
            "install",
            "hello",
            `oci://${registry.host}/helm/hello-acr`,
            "--version",
            "0.1.0",
            "--plain-http",
            "--username",
            "reader",
            "--password",
            registry.users.reader.password,
            "-n",
            "apps",
            "--create-namespace",
            "--kubeconfig",
            cluster.kubeconfigPath,
        );
        assert.match(install, /STATUS: deployed/);
        const releases = JSON.parse(await helm("list", "-n", "apps", "-o", "json", "--kubeconfig", cluster.kubeconfigPath));
        assert.deepStrictEqual(
            releases.map((r: { name: string; status: string; chart: string }) => [r.name, r.status, r.chart]),
            [["hello", "deployed", "hello-acr-0.1.0"]],
        );
        const res = await cluster.apiRequest("/apis/apps/v1/namespaces/apps/deployments/hello-hello-acr");
        assert.strictEqual(res.status, 200);
        assert.strictEqual(fs.existsSync(path.join(workDir, "registry-config.json")), false);
    });
});
