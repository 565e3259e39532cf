import * as path from "path";
import { startProcess, ManagedProcess } from "./processes";

export interface ControllerManagerInput {
    binary: string;
    workDir: string;
    kubeconfigPath: string;
    token: string;
    /** Run the controllers that create pods (see WORKLOAD_CONTROLLERS); only useful when nodes can run them. */
    workloads: boolean;
    /** Key that signs service-account token secrets, and the CA put into them (needed by workloads only). */
    serviceAccountKey: string;
    caCert: string;
}

/**
 * The controllers that finish deletions: the namespace controller empties and removes a terminating namespace,
 * the garbage collector completes foreground deletions (the Kubernetes provider's default) and removes dependents.
 */
export const LOCAL_CONTROLLERS = ["namespace-controller", "garbage-collector-controller"];

/**
 * The controllers that turn workloads into pods and report them: Deployments, ReplicaSets, StatefulSets,
 * DaemonSets and Jobs create pods and count the ready ones (what Helm's --wait reads); Endpoints and
 * EndpointSlices follow ready pods; every namespace gets a `default` service account and its token.
 */
export const WORKLOAD_CONTROLLERS = [
    "deployment-controller",
    "replicaset-controller",
    "statefulset-controller",
    "daemonset-controller",
    "job-controller",
    "endpoints-controller",
    "endpointslice-controller",
    "serviceaccount-controller",
    "serviceaccount-token-controller",
    "root-ca-certificate-publisher-controller",
];

export function startControllerManager(input: ControllerManagerInput): ManagedProcess {
    const controllers = input.workloads ? [...LOCAL_CONTROLLERS, ...WORKLOAD_CONTROLLERS] : LOCAL_CONTROLLERS;
    return startProcess({
        name: "kube-controller-manager",
        command: input.binary,
        args: [
            `--kubeconfig=${input.kubeconfigPath}`,
            `--controllers=${controllers.join(",")}`,
            "--leader-elect=false",
            "--use-service-account-credentials=false",
            `--service-account-private-key-file=${input.serviceAccountKey}`,
            `--root-ca-file=${input.caCert}`,
            // No serving endpoint: nothing scrapes or probes it here.
            "--secure-port=0",
            "--profiling=false",
        ],
        logFile: path.join(input.workDir, "kube-controller-manager.log"),
        redact: [input.token],
    });
}
