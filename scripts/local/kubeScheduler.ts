import * as path from "path";
import { startProcess, ManagedProcess } from "./processes";

export interface SchedulerInput {
    binary: string;
    workDir: string;
    kubeconfigPath: string;
    token: string;
}

/** kube-scheduler: binds pending pods to the simulated nodes. */
export function startScheduler(input: SchedulerInput): ManagedProcess {
    return startProcess({
        name: "kube-scheduler",
        command: input.binary,
        args: [
            `--kubeconfig=${input.kubeconfigPath}`,
            "--leader-elect=false",
            // No serving endpoint: nothing scrapes or probes it here.
            "--secure-port=0",
            "--profiling=false",
        ],
        logFile: path.join(input.workDir, "kube-scheduler.log"),
        redact: [input.token],
    });
}
