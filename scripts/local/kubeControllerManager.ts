import * as path from "path";
import { startProcess, ManagedProcess } from "./processes";

export interface ControllerManagerInput {
    binary: string;
    workDir: string;
    kubeconfigPath: string;
    token: string;
}

/**
 * The controllers that finish deletions: the namespace controller empties and removes a terminating namespace,
 * the garbage collector completes foreground deletions (the Kubernetes provider's default) and removes dependents.
 * Controllers that would create pods (deployments, replica sets, jobs) stay off: nothing could run them here.
 */
export const LOCAL_CONTROLLERS = ["namespace", "garbagecollector"];

export function startControllerManager(input: ControllerManagerInput): ManagedProcess {
    return startProcess({
        name: "kube-controller-manager",
        command: input.binary,
        args: [
            `--kubeconfig=${input.kubeconfigPath}`,
            `--controllers=${LOCAL_CONTROLLERS.join(",")}`,
            "--leader-elect=false",
            "--use-service-account-credentials=false",
            // No serving endpoint: nothing scrapes or probes it here.
            "--secure-port=0",
            "--profiling=false",
        ],
        logFile: path.join(input.workDir, "kube-controller-manager.log"),
        redact: [input.token],
    });
}
