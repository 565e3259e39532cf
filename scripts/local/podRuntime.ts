import * as path from "path";
import { HttpResult, RequestOptions } from "./http";
import { startScheduler } from "./kubeScheduler";
import { registerSimulatedNodes, startKwok } from "./kwok";
import { ManagedProcess } from "./processes";
import { findOnPath, requireTool, toolPath } from "./tools";

export interface PodRuntimeInput {
    workDir: string;
    kubeconfigPath: string;
    token: string;
    nodes: number;
    timeoutMs: number;
    apiRequest: (apiPath: string, options?: Omit<RequestOptions, "ca" | "bearerToken">) => Promise<HttpResult>;
}

/**
 * What a cluster needs beyond the controllers for pods to run, simulated: kube-scheduler binds pods to nodes,
 * KWOK registers as `nodes` kubelets and moves bound pods to Running/Ready. Each started process is handed to
 * `track` at once, so a failure later in start-up still stops it.
 */
export async function startPodRuntime(input: PodRuntimeInput, track: (proc: ManagedProcess) => void): Promise<void> {
    const common = { workDir: input.workDir, kubeconfigPath: input.kubeconfigPath, token: input.token };
    const scheduler = startScheduler({ ...common, binary: requireTool("kube-scheduler") });
    track(scheduler);
    const kwok = startKwok({ ...common, binary: requireTool("kwok") });
    track(kwok);
    await registerSimulatedNodes(input.apiRequest, kwok, input.nodes, input.timeoutMs);
}

/** Both tools of the pod runtime are installed (.tools/bin or PATH). */
export function podRuntimeAvailable(): boolean {
    return installed(toolPath("kube-scheduler"), findOnPath("kube-scheduler")) && installed(toolPath("kwok"), findOnPath("kwok"));
}

/** `toolPath` answers the bare name when .tools/bin lacks the tool; then only PATH can have it. */
function installed(linked: string, onPath: string | undefined): boolean {
    return path.isAbsolute(linked) || onPath !== undefined;
}
