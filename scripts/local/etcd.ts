import * as path from "path";
import { request, waitUntil } from "./http";
import { freeLoopbackPort } from "./ports";
import { ManagedProcess, startProcess } from "./processes";
import { requireTool } from "./tools";

export interface LocalEtcd {
    /** http://127.0.0.1:<port>, the only address etcd serves clients on. */
    clientUrl: string;
    process: ManagedProcess;
}

/** Starts a single-member etcd whose client and peer listeners are on 127.0.0.1 only. */
export async function startEtcd(workDir: string, timeoutMs: number): Promise<LocalEtcd> {
    const clientUrl = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const peerUrl = `http://127.0.0.1:${await freeLoopbackPort()}`;
    const proc = startProcess({
        name: "etcd",
        command: requireTool("etcd"),
        args: [
            "--name=acr-helm-local",
            `--data-dir=${path.join(workDir, "etcd-data")}`,
            `--listen-client-urls=${clientUrl}`,
            `--advertise-client-urls=${clientUrl}`,
            `--listen-peer-urls=${peerUrl}`,
            `--initial-advertise-peer-urls=${peerUrl}`,
            `--initial-cluster=acr-helm-local=${peerUrl}`,
            "--initial-cluster-state=new",
            "--logger=zap",
            "--log-level=warn",
        ],
        logFile: path.join(workDir, "etcd.log"),
    });
    try {
        await waitUntil(
            "etcd",
            async () => {
                const res = await request(`${clientUrl}/health`, { timeoutMs: 2_000 });
                return res.status === 200 && /"health":\s*"true"/.test(res.body);
            },
            timeoutMs,
            () => exitReason(proc),
        );
    } catch (err) {
        await proc.stop();
        throw err;
    }
    return { clientUrl, process: proc };
}

/** Why a process that should be running is not, with the end of its log; undefined while it runs. */
export function exitReason(proc: ManagedProcess): string | undefined {
    const status = proc.exitStatus();
    return status ? `${proc.name} stopped (${status}); last log lines:\n${proc.logTail()}` : undefined;
}
