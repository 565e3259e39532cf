import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { exitReason, LocalEtcd, startEtcd } from "./etcd";
import { generateLocalPki, LocalPki } from "./certs";
import { HttpResult, request, RequestOptions, waitUntil } from "./http";
import { renderKubeconfig } from "./kubeconfig";
import { freeLoopbackPort } from "./ports";
import { cleanUpOnExit, ManagedProcess, startProcess } from "./processes";
import { startControllerManager } from "./kubeControllerManager";
import { podRuntimeAvailable, startPodRuntime } from "./podRuntime";
import { findOnPath, requireTool, toolPath } from "./tools";

export interface LocalClusterOptions {
    /** kube-apiserver binary. Default: .tools/bin/kube-apiserver (built by scripts/setup-tools.sh), else PATH. */
    kubeApiServerPath?: string;
    /** Time allowed for etcd, the API server and the default namespace to come up. Default: 120000 ms. */
    startTimeoutMs?: number;
    /**
     * Also run kube-controller-manager's namespace and garbage-collector controllers, so that deletions finish.
     * Default: true when the binary is available (.tools/bin or PATH).
     */
    controllerManager?: boolean;
    /**
     * Nodes simulated by KWOK, with kube-scheduler and the workload controllers, so that pods are scheduled and
     * become Running and Ready (no image is pulled, no container runs). 0: none, pods stay Pending. Needs the
     * controller manager. Default: 1 when kube-scheduler and kwok are installed (scripts/setup-tools.sh
     * kubernetes kwok), else 0.
     */
    simulatedNodes?: number;
    /** Keep the temporary directory (certificates, logs, etcd data) after stop(). Default: false. */
    keepWorkDir?: boolean;
}

/**
 * A Kubernetes API server backed by etcd, both on 127.0.0.1 only, with the controllers that finish deletions and,
 * with simulated nodes, a scheduler, the workload controllers and KWOK: pods are scheduled and reported Running and
 * Ready, but no container runs.
 */
export interface LocalCluster {
    /** https://127.0.0.1:<port> */
    readonly server: string;
    /** Kubeconfig (bearer token of a system:masters user + CA); a secret. */
    readonly kubeconfig: string;
    /** File holding `kubeconfig` (mode 0600) inside the temporary directory. */
    readonly kubeconfigPath: string;
    /** PEM of the CA that signed the serving certificate. */
    readonly caCert: string;
    /** Static admin bearer token; a secret. */
    readonly token: string;
    /** http://127.0.0.1:<port> of the etcd the API server stores into. */
    readonly etcdClientUrl: string;
    /** Temporary directory with certificates, logs and etcd data. */
    readonly workDir: string;
    /** Request against the API server as the admin user, e.g. apiRequest("/api/v1/namespaces"). */
    apiRequest(apiPath: string, options?: Omit<RequestOptions, "ca" | "bearerToken">): Promise<HttpResult>;
    /** Stops the API server and etcd and removes the temporary directory. Safe to call twice. */
    stop(): Promise<void>;
}

const ADMIN_USER = "acr-helm-admin";

export async function startLocalCluster(options: LocalClusterOptions = {}): Promise<LocalCluster> {
    const timeoutMs = options.startTimeoutMs ?? 120_000;
    const apiServerBinary = options.kubeApiServerPath ?? requireTool("kube-apiserver");
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-kube-"));
    const running: ManagedProcess[] = [];
    const removeWorkDir = () => {
        if (!options.keepWorkDir) fs.rmSync(workDir, { recursive: true, force: true });
    };
    const cancelExitCleanup = cleanUpOnExit(removeWorkDir);
    const cleanup = async () => {
        for (const proc of running.reverse()) {
            await proc.stop();
        }
        removeWorkDir();
        cancelExitCleanup();
    };
    try {
        const etcd = await startEtcd(workDir, timeoutMs);
        running.push(etcd.process);
        const pki = await generateLocalPki(workDir);
        const token = crypto.randomBytes(32).toString("hex");
        const port = await freeLoopbackPort();
        const server = `https://127.0.0.1:${port}`;
        const controllerManagerBinary = controllerManagerPath(options.controllerManager);
        const simulatedNodes = simulatedNodeCount(options.simulatedNodes, controllerManagerBinary);
        const workloads = simulatedNodes > 0;
        const apiServer = startApiServer({ binary: apiServerBinary, workDir, etcd, pki, token, port, workloads });
        running.push(apiServer);
        const caCert = fs.readFileSync(pki.caCert, "utf8");
        const apiRequest = (apiPath: string, opts: RequestOptions = {}) =>
            request(`${server}${apiPath}`, { ...opts, ca: caCert, bearerToken: token });
        await waitForApiServer(apiServer, apiRequest, timeoutMs);
        const kubeconfig = renderKubeconfig({ server, caCertPem: caCert, token, name: "acr-helm-local" });
        const kubeconfigPath = path.join(workDir, "kubeconfig");
        fs.writeFileSync(kubeconfigPath, kubeconfig, { mode: 0o600 });
        if (controllerManagerBinary) {
            const { serviceAccountKey, caCert: caCertFile } = pki;
            const input = { binary: controllerManagerBinary, workDir, kubeconfigPath, token, workloads, serviceAccountKey };
            running.push(startControllerManager({ ...input, caCert: caCertFile }));
        }
        if (workloads) {
            const runtime = { workDir, kubeconfigPath, token, nodes: simulatedNodes, timeoutMs, apiRequest };
            await startPodRuntime(runtime, (proc) => running.push(proc));
        }
        let stopped: Promise<void> | undefined;
        const stop = () => (stopped ??= cleanup());
        const etcdClientUrl = etcd.clientUrl;
        return { server, kubeconfig, kubeconfigPath, caCert, token, etcdClientUrl, workDir, apiRequest, stop };
    } catch (err) {
        await cleanup();
        throw err;
    }
}

interface ApiServerInput {
    binary: string;
    workDir: string;
    etcd: LocalEtcd;
    pki: LocalPki;
    token: string;
    port: number;
    /** Pods will be created: admit them with service accounts (the controller manager issues the tokens). */
    workloads: boolean;
}

function startApiServer(input: ApiServerInput): ManagedProcess {
    const tokenFile = path.join(input.workDir, "tokens.csv");
    fs.writeFileSync(tokenFile, `${input.token},${ADMIN_USER},${ADMIN_USER},"system:masters"\n`, { mode: 0o600 });
    return startProcess({
        name: "kube-apiserver",
        command: input.binary,
        args: [
            "--bind-address=127.0.0.1",
            "--advertise-address=127.0.0.1",
            `--secure-port=${input.port}`,
            `--cert-dir=${input.workDir}`,
            `--tls-cert-file=${input.pki.servingCert}`,
            `--tls-private-key-file=${input.pki.servingKey}`,
            `--client-ca-file=${input.pki.caCert}`,
            `--etcd-servers=${input.etcd.clientUrl}`,
            `--token-auth-file=${tokenFile}`,
            "--anonymous-auth=false",
            "--authorization-mode=RBAC",
            `--service-account-key-file=${input.pki.serviceAccountPublicKey}`,
            `--service-account-signing-key-file=${input.pki.serviceAccountKey}`,
            `--service-account-issuer=https://127.0.0.1:${input.port}`,
            // A configuration value only: no traffic is routed to this range (no kube-proxy runs).
            "--service-cluster-ip-range=10.0.0.0/24",
            // Without the workload controllers no service account or token would ever be issued to pods. With them,
            // new nodes must not get the not-ready taint: only the node-lifecycle controller (not run) removes it.
            `--disable-admission-plugins=${input.workloads ? "TaintNodesByCondition" : "ServiceAccount"}`,
            // Endpoints may not hold loopback addresses; the `kubernetes` Service endpoint is not needed here.
            "--endpoint-reconciler-type=none",
            // Over etcd 3.4 (no RequestWatchProgress) a WatchList-enabled server fails every watch that asks for
            // resourceVersion=0 with bookmarks as a watch-list stream; KWOK's informers watch exactly so, and then
            // only see pods when their reflector relists, every ~30 s after backing off.
            "--feature-gates=WatchList=false",
            "--enable-priority-and-fairness=false",
            "--profiling=false",
        ],
        logFile: path.join(input.workDir, "kube-apiserver.log"),
        redact: [input.token],
    });
}

async function waitForApiServer(
    apiServer: ManagedProcess,
    apiRequest: (apiPath: string) => Promise<HttpResult>,
    timeoutMs: number,
): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    const abort = () => exitReason(apiServer);
    await waitUntil("kube-apiserver /readyz", async () => (await apiRequest("/readyz")).status === 200, timeoutMs, abort);
    // The default namespace is created by a post-start hook shortly after the server reports ready.
    await waitUntil(
        "namespace 'default'",
        async () => (await apiRequest("/api/v1/namespaces/default")).status === 200,
        Math.max(deadline - Date.now(), 5_000),
        abort,
    );
}

function controllerManagerPath(wanted: boolean | undefined): string | undefined {
    if (wanted === false) return undefined;
    const found = toolPath("kube-controller-manager");
    if (found !== "kube-controller-manager") return found;
    const onPath = findOnPath("kube-controller-manager");
    if (onPath || wanted === undefined) return onPath;
    return requireTool("kube-controller-manager");
}

function simulatedNodeCount(wanted: number | undefined, controllerManager: string | undefined): number {
    if (wanted === undefined) return controllerManager && podRuntimeAvailable() ? 1 : 0;
    if (!Number.isInteger(wanted) || wanted < 0) throw new Error(`simulatedNodes must be a whole number >= 0, got ${wanted}`);
    if (wanted > 0 && !controllerManager) {
        throw new Error("simulatedNodes needs the controller manager: leave controllerManager unset or true");
    }
    return wanted;
}
