import * as fs from "fs";
import * as path from "path";
import { exitReason } from "./etcd";
import { HttpResult, RequestOptions, waitUntil } from "./http";
import { KWOK_POD_STAGES } from "./kwokStages";
import { ManagedProcess, startProcess } from "./processes";

export interface KwokInput {
    binary: string;
    workDir: string;
    kubeconfigPath: string;
    token: string;
}

/**
 * KWOK plays the kubelet for every node: it moves nodes to Ready and scheduled pods to Running (and Ready, unless
 * they carry NEVER_READY_ANNOTATION) by writing their status. No image is pulled and no container runs.
 * Without --server-address or --node-port it serves nothing (no exec, logs or port-forward).
 */
export function startKwok(input: KwokInput): ManagedProcess {
    const stagesFile = path.join(input.workDir, "kwok-stages.yaml");
    fs.writeFileSync(stagesFile, KWOK_POD_STAGES);
    return startProcess({
        name: "kwok",
        command: input.binary,
        args: [
            `--kubeconfig=${input.kubeconfigPath}`,
            `--config=${stagesFile}`,
            "--manage-all-nodes=true",
            // Addresses written into node and pod status only; nothing is routed to them.
            "--cidr=10.244.0.0/16",
            "--node-ip=10.243.0.1",
        ],
        // Its client-go would ask for watch-list streams, which an API server over etcd 3.4 (no RequestWatchProgress)
        // refuses. The API server runs with WatchList off too (kubeApiServer.ts): it would otherwise take KWOK's plain
        // watch (resourceVersion=0 with bookmarks) for such a stream and end it at once.
        env: { KUBE_FEATURE_WatchListClient: "false" },
        logFile: path.join(input.workDir, "kwok.log"),
        redact: [input.token],
    });
}

type ApiRequest = (apiPath: string, options?: Omit<RequestOptions, "ca" | "bearerToken">) => Promise<HttpResult>;

/** Name of simulated node `index` (0-based). */
export function simulatedNodeName(index: number): string {
    return `kwok-node-${index}`;
}

/** Registers `count` nodes (as a kubelet would) and waits until KWOK has made every one Ready. */
export async function registerSimulatedNodes(
    apiRequest: ApiRequest,
    kwok: ManagedProcess,
    count: number,
    timeoutMs: number,
): Promise<void> {
    const names = Array.from({ length: count }, (_, index) => simulatedNodeName(index));
    for (const name of names) {
        const created = await apiRequest("/api/v1/nodes", { method: "POST", body: JSON.stringify(nodeManifest(name)) });
        if (created.status !== 201) throw new Error(`registering node ${name} failed: HTTP ${created.status} ${created.body}`);
    }
    for (const name of names) {
        await waitUntil(
            `simulated node ${name} Ready`,
            async () => isReady(await apiRequest(`/api/v1/nodes/${name}`)),
            timeoutMs,
            () => exitReason(kwok),
        );
    }
}

function nodeManifest(name: string): object {
    // Room for many small pods; the scheduler places pods against these numbers.
    const resources = { cpu: "16", memory: "64Gi", pods: "110" };
    return {
        apiVersion: "v1",
        kind: "Node",
        metadata: {
            name,
            annotations: { "kwok.x-k8s.io/node": "fake" },
            labels: { "kubernetes.io/hostname": name, "kubernetes.io/os": "linux", "kubernetes.io/arch": "amd64", type: "kwok" },
        },
        status: { allocatable: resources, capacity: resources },
    };
}

function isReady(response: HttpResult): boolean {
    if (response.status !== 200) return false;
    const node = JSON.parse(response.body) as { status?: { conditions?: { type: string; status: string }[] } };
    return (node.status?.conditions ?? []).some((condition) => condition.type === "Ready" && condition.status === "True");
}
