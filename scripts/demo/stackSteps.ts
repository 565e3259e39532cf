import type { LocalCluster } from "../local/kubeApiServer";
import type { PulumiStack } from "../local/pulumiStack";
import type { TestRegistry } from "../local/registry";
import type { DemoWorkspace } from "./workspace";

export interface ReleaseOutputs {
    readonly chartRef: string;
    readonly chartVersion: string;
    readonly chartDigest: string;
    readonly releaseStatus: string;
    readonly releaseRevision: number;
}

export type Log = (line: string) => void;

export interface Walkthrough {
    registry: TestRegistry;
    cluster: LocalCluster;
    work: DemoWorkspace;
    credentials: { username: string; password: string };
    log: Log;
}

export async function configure(
    stack: PulumiStack,
    registry: TestRegistry,
    cluster: LocalCluster,
    work: DemoWorkspace,
    credentials: { username: string; password: string },
): Promise<void> {
    await stack.setConfig("registry", registry.host);
    await stack.setConfig("registryCaCert", registry.caCertPem ?? "");
    await stack.setConfig("chartPath", work.chartDir);
    await stack.setConfig("registryUsername", credentials.username);
    await stack.setConfig("registryPassword", credentials.password, { secret: true });
    await stack.setConfig("kubeconfig", cluster.kubeconfig, { secret: true });
}

export async function releaseOutputs(stack: PulumiStack): Promise<ReleaseOutputs> {
    const outputs = await stack.outputs(true);
    return {
        chartRef: String(outputs.chartRef),
        chartVersion: String(outputs.chartVersion),
        chartDigest: String(outputs.chartDigest),
        releaseStatus: String(outputs.releaseStatus),
        releaseRevision: Number(outputs.releaseRevision),
    };
}

export async function namespaceNames(cluster: LocalCluster): Promise<string[]> {
    const response = await cluster.apiRequest("/api/v1/namespaces");
    if (response.status !== 200) throw new Error(`GET /api/v1/namespaces answered ${response.status}`);
    return (JSON.parse(response.body) as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
}

/** Pulumi's output without the progress dots it prints when not attached to a terminal. */
export function pulumiLines(chunk: string): string[] {
    return chunk
        .trimEnd()
        .split("\n")
        .filter((line) => !/^\s*\.*\s*$/.test(line) && !/^@ /.test(line));
}

/** Pods of `namespace` that are Running with the Ready condition True, as `node/pod` names. */
export async function readyPods(cluster: LocalCluster, namespace: string): Promise<string[]> {
    const response = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/pods`);
    if (response.status !== 200) throw new Error(`GET pods in ${namespace} answered ${response.status}`);
    type Pod = {
        metadata: { name: string };
        spec: { nodeName?: string };
        status: { phase?: string; conditions?: { type: string; status: string }[] };
    };
    return (JSON.parse(response.body) as { items: Pod[] }).items
        .filter((pod) => pod.status.phase === "Running" && pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
        .map((pod) => `${pod.spec.nodeName}/${pod.metadata.name}`);
}
