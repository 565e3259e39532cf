import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { request } from "../../scripts/local/http";
import { LocalCluster, startLocalCluster } from "../support/kube";
import { repoRoot } from "../support/paths";
import { requireTool } from "../support/tools";
import { E2E_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

const run = promisify(execFile);

interface DeploymentSummary {
    metadata: { name: string };
    spec: { template: { spec: { containers: { image: string }[] } } };
}
const chartDir = path.join(repoRoot, "charts", "hello-acr");

/** Connecting to `port` on `host` is refused (nothing listens there). */
function refused(host: string, port: number): Promise<boolean> {
    return new Promise((resolve) => {
        const socket = net.connect({ host, port, timeout: 3_000 });
        socket.once("connect", () => {
            socket.destroy();
            resolve(false);
        });
        socket.once("timeout", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(true));
    });
}

function nonLoopbackAddresses(): string[] {
    return (
        Object.values(os.networkInterfaces())
            .flat()
            .filter((info): info is os.NetworkInterfaceInfo => !!info && !info.internal)
            // Link-local IPv6 addresses need a zone id to be reachable; the others cover the host's interfaces.
            .filter((info) => !info.address.toLowerCase().startsWith("fe80:"))
            .map((info) => info.address)
    );
}

describe("local Kubernetes API server: Helm installs the demo chart from its directory", function () {
    suiteDeadline(this, E2E_SUITE_LIMIT_MINUTES);
    this.timeout(180_000);
    let cluster: LocalCluster;
    let helmHome: string;

    const helm = async (...args: string[]) => {
        const env = {
            ...process.env,
            HELM_CACHE_HOME: path.join(helmHome, "cache"),
            HELM_CONFIG_HOME: path.join(helmHome, "config"),
            HELM_DATA_HOME: path.join(helmHome, "data"),
        };
        const { stdout } = await run(requireTool("helm"), [...args, "--kubeconfig", cluster.kubeconfigPath], { env });
        return stdout;
    };
    const getJson = async (apiPath: string) => {
        const res = await cluster.apiRequest(apiPath);
        assert.strictEqual(res.status, 200, `GET ${apiPath}: ${res.status} ${res.body}`);
        return JSON.parse(res.body);
    };

    before(async () => {
        helmHome = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-helm-home-"));
        cluster = await startLocalCluster();
    });

    after(async () => {
        await cluster?.stop();
        fs.rmSync(helmHome, { recursive: true, force: true });
    });

    it("serves only on 127.0.0.1 and only to the admin token", async () => {
        assert.match(cluster.server, /^https:\/\/127\.0\.0\.1:\d+$/);
        const anonymous = await fetchStatus(cluster, "/api/v1/namespaces");
        assert.strictEqual(anonymous, 401);
        const ports = [Number(new URL(cluster.server).port), Number(new URL(cluster.etcdClientUrl).port)];
        for (const address of nonLoopbackAddresses()) {
            for (const port of ports) {
                assert.ok(await refused(address, port), `port ${port} answers on ${address}`);
            }
        }
        const version = await getJson("/version");
        assert.match(version.gitVersion, /^v1\.\d+\.\d+$/);
    });

    it("installs hello-acr, lists it as deployed, stores its objects, and uninstalls it", async () => {
        const install = await helm("install", "hello", chartDir, "-n", "demo", "--create-namespace");
        assert.match(install, /STATUS: deployed/);

        const list = await helm("list", "-n", "demo", "-o", "json");
        const releases = JSON.parse(list) as { name: string; status: string; chart: string }[];
        assert.deepStrictEqual(
            releases.map((r) => [r.name, r.status, r.chart]),
            [["hello", "deployed", "hello-acr-0.1.0"]],
        );

        const deployments = await getJson("/apis/apps/v1/namespaces/demo/deployments");
        assert.deepStrictEqual(
            deployments.items.map((d: DeploymentSummary) => [d.metadata.name, d.spec.template.spec.containers[0].image]),
            [["hello-hello-acr", "nginxinc/nginx-unprivileged:1.27.3"]],
        );
        const service = await getJson("/api/v1/namespaces/demo/services/hello-hello-acr");
        assert.match(service.spec.clusterIP, /^10\.0\.0\.\d+$/);

        await helm("uninstall", "hello", "-n", "demo", "--wait");
        const remaining = await getJson("/apis/apps/v1/namespaces/demo/deployments");
        assert.deepStrictEqual(remaining.items, []);
        assert.deepStrictEqual(JSON.parse(await helm("list", "-n", "demo", "-o", "json")), []);
    });

    it("pulls the image from the attached registry when image.registry is set", async () => {
        await helm("install", "from-acr", chartDir, "-n", "demo", "--set", "image.registry=myregistry.azurecr.io");
        const deployment = await getJson("/apis/apps/v1/namespaces/demo/deployments/from-acr-hello-acr");
        assert.strictEqual(deployment.spec.template.spec.containers[0].image, "myregistry.azurecr.io/nginxinc/nginx-unprivileged:1.27.3");
        await helm("uninstall", "from-acr", "-n", "demo");
    });
});

describe("local Kubernetes API server: stop()", function () {
    suiteDeadline(this, E2E_SUITE_LIMIT_MINUTES);
    this.timeout(120_000);

    it("ends etcd and the API server and removes the temporary directory", async () => {
        const cluster = await startLocalCluster();
        const ports = [Number(new URL(cluster.server).port), Number(new URL(cluster.etcdClientUrl).port)];
        try {
            assert.ok(fs.existsSync(cluster.kubeconfigPath));
            assert.strictEqual(fs.statSync(cluster.kubeconfigPath).mode & 0o077, 0, "kubeconfig readable by others");
        } finally {
            await cluster.stop();
        }
        assert.strictEqual(fs.existsSync(cluster.workDir), false);
        for (const port of ports) {
            assert.ok(await refused("127.0.0.1", port), `port ${port} still open after stop()`);
        }
        await cluster.stop();
    });
});

/** Status of an unauthenticated request (TLS still verified against the cluster CA). */
async function fetchStatus(cluster: LocalCluster, apiPath: string): Promise<number> {
    return (await request(`${cluster.server}${apiPath}`, { ca: cluster.caCert })).status;
}
