import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { NEVER_READY_ANNOTATION } from "../../scripts/local/kwokStages";
import { LocalCluster, startLocalCluster } from "../support/kube";
import { repoRoot } from "../support/paths";
import { requireTool } from "../support/tools";
import { E2E_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

const run = promisify(execFile);
const chartDir = path.join(repoRoot, "charts", "hello-acr");

interface PodSummary {
    spec: { nodeName?: string };
    status: { phase: string; conditions?: { type: string; status: string }[] };
}

describe("local cluster with simulated nodes: pods are scheduled and become ready", function () {
    suiteDeadline(this, E2E_SUITE_LIMIT_MINUTES);
    this.timeout(180_000);
    let cluster: LocalCluster;
    let helmHome: string;
    let startMs: number;

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
    const pods = async (namespace: string, release: string): Promise<PodSummary[]> => {
        const selector = encodeURIComponent(`app.kubernetes.io/instance=${release}`);
        const res = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/pods?labelSelector=${selector}`);
        assert.strictEqual(res.status, 200, res.body);
        return (JSON.parse(res.body) as { items: PodSummary[] }).items;
    };
    const ready = (pod: PodSummary) => pod.status.conditions?.find((c) => c.type === "Ready")?.status;

    before(async () => {
        helmHome = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-helm-home-"));
        const started = Date.now();
        cluster = await startLocalCluster({ simulatedNodes: 2 });
        startMs = Date.now() - started;
    });

    after(async () => {
        await cluster?.stop();
        fs.rmSync(helmHome, { recursive: true, force: true });
    });

    it("starts with two Ready simulated nodes", async () => {
        process.stdout.write(`      (cluster with 2 simulated nodes started in ${startMs} ms)\n`);
        const res = await cluster.apiRequest("/api/v1/nodes");
        const nodes = (JSON.parse(res.body) as { items: { metadata: { name: string }; status: PodSummary["status"] }[] }).items;
        assert.deepStrictEqual(
            nodes.map((node) => [node.metadata.name, node.status.conditions?.find((c) => c.type === "Ready")?.status]),
            [
                ["kwok-node-0", "True"],
                ["kwok-node-1", "True"],
            ],
        );
    });

    it("helm install --wait returns deployed once every replica is scheduled, Running and Ready", async () => {
        const install = await helm(
            "install",
            "ready",
            chartDir,
            "-n",
            "pods",
            "--create-namespace",
            "--wait",
            "--timeout",
            "60s",
            "--set",
            "replicaCount=3",
        );
        assert.match(install, /STATUS: deployed/);
        const running = await pods("pods", "ready");
        assert.strictEqual(running.length, 3);
        for (const pod of running) {
            assert.match(pod.spec.nodeName ?? "", /^kwok-node-[01]$/);
            assert.deepStrictEqual([pod.status.phase, ready(pod)], ["Running", "True"]);
        }
        const deployment = JSON.parse((await cluster.apiRequest("/apis/apps/v1/namespaces/pods/deployments/ready-hello-acr")).body);
        assert.strictEqual(deployment.status.availableReplicas, 3);
        const endpoints = JSON.parse((await cluster.apiRequest("/api/v1/namespaces/pods/endpoints/ready-hello-acr")).body);
        assert.strictEqual(endpoints.subsets?.[0]?.addresses?.length, 3, "the Service's endpoints list the ready pods");
    });

    it("a pod annotated never-ready runs but never turns Ready, so helm install --wait fails at its timeout", async () => {
        const annotation = `podAnnotations.${NEVER_READY_ANNOTATION.replace(/\./g, "\\.")}=true`;
        const started = Date.now();
        await assert.rejects(
            helm("install", "stuck", chartDir, "-n", "pods", "--wait", "--timeout", "15s", "--set-string", annotation),
            /context deadline exceeded|timed out waiting/,
        );
        assert.ok(Date.now() - started < 60_000, "failed near its 15 s timeout");
        const stuck = await pods("pods", "stuck");
        assert.strictEqual(stuck.length, 1);
        assert.deepStrictEqual([stuck[0].status.phase, ready(stuck[0])], ["Running", "False"]);
        assert.match(await helm("status", "stuck", "-n", "pods"), /STATUS: failed/);
    });
});
