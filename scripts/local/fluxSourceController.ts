import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { parseAllDocuments } from "yaml";
import { HttpResult, request, RequestOptions, waitUntil } from "./http";
import { freeLoopbackPort } from "./ports";
import { cleanUpOnExit, ManagedProcess, startProcess } from "./processes";
import { installedTool } from "./tools";

/** What the controller needs of the local cluster (scripts/local/kubeApiServer.ts's LocalCluster has it). */
export interface FluxCluster {
    readonly kubeconfigPath: string;
    apiRequest(apiPath: string, options?: Omit<RequestOptions, "ca" | "bearerToken">): Promise<HttpResult>;
}

/** Flux's source-controller on 127.0.0.1, reconciling the objects of one namespace. */
export interface FluxSourceController {
    /** The version built by `scripts/setup-tools.sh flux-source-controller`, read from the cache path it links. */
    readonly version: string;
    /** http://127.0.0.1:<port>: where the controller serves the artifacts it stored. */
    readonly storageUrl: string;
    readonly process: ManagedProcess;
    /** Stops the controller by its process id (SIGTERM, then SIGKILL) and removes its storage. Safe to call twice. */
    stop(): Promise<void>;
}

/** The version `scripts/setup-tools.sh flux-source-controller` linked: the cache directory its link points into. */
export function fluxSourceControllerVersion(): string {
    return path.basename(path.dirname(fs.realpathSync(installedTool("flux-source-controller"))));
}

/** The CRDs of the built version, from its module in the Go module cache: what its own config/crd/bases holds. */
export function fluxCrdDocuments(version: string): object[] {
    const modcache = execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
    const dir = path.join(modcache, "github.com", "fluxcd", `source-controller@${version}`, "config", "crd", "bases");
    if (!fs.existsSync(dir)) throw new Error(`${dir} is missing: run \`bash scripts/setup-tools.sh flux-source-controller\``);
    return fs
        .readdirSync(dir)
        .filter((file) => file.endsWith(".yaml"))
        .flatMap((file) => parseAllDocuments(fs.readFileSync(path.join(dir, file), "utf8")).map((doc) => doc.toJSON() as object))
        .filter((doc) => doc !== null);
}

/** Creates the CRDs (or leaves those already there) and waits until the API server serves them. */
export async function applyFluxCrds(cluster: FluxCluster, version: string, timeoutMs = 60_000): Promise<void> {
    const crdPath = "/apis/apiextensions.k8s.io/v1/customresourcedefinitions";
    const names: string[] = [];
    for (const crd of fluxCrdDocuments(version) as { metadata: { name: string } }[]) {
        const created = await cluster.apiRequest(crdPath, { method: "POST", body: JSON.stringify(crd) });
        if (created.status !== 201 && created.status !== 409)
            throw new Error(`CRD ${crd.metadata.name}: HTTP ${created.status} ${created.body}`);
        names.push(crd.metadata.name);
    }
    const established = async (name: string) => {
        const found = await cluster.apiRequest(`${crdPath}/${name}`);
        const conditions = (JSON.parse(found.body) as { status?: { conditions?: { type: string; status: string }[] } }).status?.conditions;
        return found.status === 200 && (conditions ?? []).some((c) => c.type === "Established" && c.status === "True");
    };
    await waitUntil("Flux CRDs established", async () => (await Promise.all(names.map(established))).every(Boolean), timeoutMs);
}

/**
 * Starts the controller built by `scripts/setup-tools.sh flux-source-controller` against the cluster's kubeconfig:
 * every address on 127.0.0.1 and a free port, leader election off, only `namespace` watched, storage in a
 * temporary directory. Resolves once its readiness endpoint answers.
 */
export async function startFluxSourceController(
    cluster: FluxCluster,
    namespace: string,
    timeoutMs = 60_000,
): Promise<FluxSourceController> {
    const binary = installedTool("flux-source-controller");
    const version = fluxSourceControllerVersion();
    const workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-flux-"));
    fs.mkdirSync(path.join(workDir, "storage"));
    const removeWorkDir = () => fs.rmSync(workDir, { recursive: true, force: true });
    const cancelExitCleanup = cleanUpOnExit(removeWorkDir);
    const [storage, metrics, health] = [await freeLoopbackPort(), await freeLoopbackPort(), await freeLoopbackPort()];
    const storageAddr = `127.0.0.1:${storage}`;
    const proc = startProcess({
        name: "flux-source-controller",
        command: binary,
        args: [
            `--storage-path=${path.join(workDir, "storage")}`,
            `--storage-addr=${storageAddr}`,
            `--storage-adv-addr=${storageAddr}`,
            `--metrics-addr=127.0.0.1:${metrics}`,
            `--health-addr=127.0.0.1:${health}`,
            "--enable-leader-election=false",
            "--watch-all-namespaces=false",
            "--concurrent=4",
            "--log-level=debug",
        ],
        env: { KUBECONFIG: cluster.kubeconfigPath, RUNTIME_NAMESPACE: namespace, HOME: workDir },
        logFile: path.join(workDir, "source-controller.log"),
    });
    let stopped: Promise<void> | undefined;
    const stop = () =>
        (stopped ??= proc.stop().then(() => {
            removeWorkDir();
            cancelExitCleanup();
        }));
    try {
        const abort = () => (proc.exitStatus() ? `exited (${proc.exitStatus()}):\n${proc.logTail()}` : undefined);
        const ready = async () => (await request(`http://127.0.0.1:${health}/readyz`)).status === 200;
        await waitUntil("flux source-controller /readyz", ready, timeoutMs, abort);
    } catch (error) {
        await stop();
        throw error;
    }
    return { version, storageUrl: `http://${storageAddr}`, process: proc, stop };
}
