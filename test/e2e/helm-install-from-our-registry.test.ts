import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { RegistryClient } from "../../chart/distribution/client";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { writeFiles } from "../chart/package/support";
import { LocalCluster, startLocalCluster } from "../support/kube";
import { repoRoot } from "../support/paths";
import { startRegistry, TestRegistry } from "../support/registry";
import { requireTool } from "../support/tools";
import { E2E_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

const run = promisify(execFile);

const HELM_MAJORS = [
    { label: "Helm 3.22", tool: "helm", namespace: "helm3" },
    { label: "Helm 4.3.1", tool: "helm4", namespace: "helm4" },
] as const;

// Charts this package pushed, installed by each Helm major straight from the registry with pull-only credentials.
describe("Helm 3 and Helm 4 install charts this package pushed, from the registry", function () {
    suiteDeadline(this, E2E_SUITE_LIMIT_MINUTES);
    this.timeout(240_000);
    let cluster: LocalCluster;
    let registry: TestRegistry;
    let workDir: string;

    const helm = async (tool: string, ...args: string[]) => {
        const home = path.join(workDir, tool);
        const env = {
            PATH: process.env.PATH,
            HOME: home,
            HELM_CACHE_HOME: path.join(home, "cache"),
            HELM_CONFIG_HOME: path.join(home, "config"),
            HELM_DATA_HOME: path.join(home, "data"),
            HELM_REGISTRY_CONFIG: path.join(home, "registry-config.json"),
        };
        return (await run(requireTool(tool), args, { env, cwd: workDir })).stdout;
    };

    before(async () => {
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-install-ours-"));
        [cluster, registry] = await Promise.all([startLocalCluster(), startRegistry({ auth: "htpasswd" })]);
        const client = new RegistryClient({
            registry: registry.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });
        try {
            await pushChart({
                registry: registry.host,
                client,
                chart: await packageChart(path.join(repoRoot, "charts", "hello-acr")),
                repository: "charts/hello-acr",
            });
            const vchart = path.join(workDir, "vchart");
            writeFiles(vchart, {
                "Chart.yaml": "apiVersion: v2\nname: vchart\nversion: v0.1.0\n",
                "templates/cm.yaml":
                    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-vchart\ndata:\n  version: {{ .Chart.Version | quote }}\n",
            });
            await pushChart({ registry: registry.host, client, chart: await packageChart(vchart), repository: "charts/vchart" });
        } finally {
            client.close();
        }
    });

    after(async () => {
        await Promise.all([cluster?.stop(), registry?.stop()]);
        if (workDir) fs.rmSync(workDir, { recursive: true, force: true });
    });

    for (const major of HELM_MAJORS) {
        it(`${major.label}: helm install of hello-acr 0.1.0 and of a leading-v chart (--version v0.1.0) deploys them`, async () => {
            const reader = ["--plain-http", "--username", "reader", "--password", registry.users.reader.password];
            const target = ["-n", major.namespace, "--create-namespace", "--kubeconfig", cluster.kubeconfigPath];
            const hello = await helm(
                major.tool,
                "install",
                "hello",
                `oci://${registry.host}/charts/hello-acr`,
                "--version",
                "0.1.0",
                ...reader,
                ...target,
            );
            assert.match(hello, /STATUS: deployed/);
            const v = await helm(
                major.tool,
                "install",
                "vee",
                `oci://${registry.host}/charts/vchart`,
                "--version",
                "v0.1.0",
                ...reader,
                ...target,
            );
            assert.match(v, /STATUS: deployed/);
            const releases = JSON.parse(
                await helm(major.tool, "list", "-n", major.namespace, "-o", "json", "--kubeconfig", cluster.kubeconfigPath),
            );
            assert.deepStrictEqual(
                releases.map((r: { name: string; status: string; chart: string }) => [r.name, r.status, r.chart]).sort(),
                [
                    ["hello", "deployed", "hello-acr-0.1.0"],
                    ["vee", "deployed", "vchart-v0.1.0"],
                ],
            );
            assert.strictEqual(
                (await cluster.apiRequest(`/apis/apps/v1/namespaces/${major.namespace}/deployments/hello-hello-acr`)).status,
                200,
            );
            const configMap = await cluster.apiRequest(`/api/v1/namespaces/${major.namespace}/configmaps/vee-vchart`);
            assert.strictEqual(configMap.status, 200);
            assert.strictEqual(JSON.parse(configMap.body).data.version, "v0.1.0");
        });
    }
});
