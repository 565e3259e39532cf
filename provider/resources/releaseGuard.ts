import type * as pulumi from "@pulumi/pulumi";
import { KubeApi, KubeApiError } from "../../components/release/cluster/kubeApi";
import { clusterAccess, KubeconfigError } from "../../components/release/cluster/kubeconfigAccess";
import { containsUnknown } from "../wire";
import {
    describePending,
    findPending,
    PendingRelease,
    recoverPending,
    recoveryPlan,
} from "../../components/release/history/pendingRelease";
import { ReleaseRecordError, ReleaseRecords } from "../../components/release/history/releaseRecords";
import { Props, ResourceHandler } from "../resourceHandler";

/**
 * Runs before a ChartRelease's Helm release in every preview and update: reads the release's Helm records in the
 * cluster and finds a revision left pending by an interrupted operation. Preview names it; with
 * `recoverPendingRelease` the update ends it (once it has been pending longer than the release's timeout) before
 * Helm runs, otherwise the preview fails with how to recover.
 */
export async function check(_olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    const inputs = withoutKeys(news, ["stuckRelease"]);
    if (["kubeconfig", "namespace", "releaseName"].some((key) => containsUnknown(news[key]))) return { inputs };
    let pending: PendingRelease | undefined;
    try {
        pending = findPending(await storeOf(inputs).list());
    } catch (error) {
        // An unreachable cluster fails the Helm release itself, with the Kubernetes provider's own message.
        if (error instanceof KubeApiError) return { inputs };
        if (error instanceof KubeconfigError || error instanceof ReleaseRecordError)
            return { inputs, failures: [{ property: "kubeconfig", reason: error.message }] };
        throw error;
    }
    if (!pending) return { inputs };
    const refusal = refusalFor(inputs, pending);
    if (refusal) return { inputs, failures: [{ property: "recoverPendingRelease", reason: refusal }] };
    return { inputs: { ...inputs, stuckRelease: `${describePending(pending)}; recovery: ${recoveryPlan(pending)}` } };
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    return { changes: news.stuckRelease !== undefined || olds.namespace !== news.namespace || olds.releaseName !== news.releaseName };
}

export async function create(inputs: Props): Promise<pulumi.provider.CreateResult> {
    return { id: `${String(inputs.namespace)}/${String(inputs.releaseName)}`, outs: await applied(inputs) };
}

export async function update(_id: string, _olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    return { outs: await applied(news) };
}

/** The state to keep; a release found stuck by `check` is recovered first, after checking again that it still is. */
async function applied(inputs: Props): Promise<Props> {
    const state = withoutKeys(inputs, ["stuckRelease"]);
    if (inputs.stuckRelease === undefined) return state;
    const store = storeOf(inputs);
    const records = await store.list();
    const pending = findPending(records);
    if (!pending) return state;
    const refusal = refusalFor(inputs, pending);
    if (refusal) throw new Error(refusal);
    return { ...state, lastRecovery: `${new Date().toISOString()}: ${await recoverPending(store, records, pending)}` };
}

function refusalFor(inputs: Props, pending: PendingRelease): string | undefined {
    const release = `Helm release "${String(inputs.releaseName)}" in namespace "${String(inputs.namespace)}"`;
    const timeout = Number(inputs.pendingTimeout);
    if (pending.pendingSeconds < timeout)
        return `${release} is ${describePending(pending)}: less than the release's timeout (${timeout} s), so the operation may still be running (another deployment?). Run again once it has ended, or once it has been pending for ${timeout} s.`;
    if (inputs.recoverPendingRelease === true) return undefined;
    return `${release} is ${describePending(pending)}. An earlier operation on it was interrupted (for example a killed pulumi or CI job), and Helm refuses every new one ("another operation is in progress"). Set recoverPendingRelease: true on the ChartRelease and the next update recovers it (${recoveryPlan(pending)}), or end it by hand with ${manualFix(inputs, pending)}.`;
}

function manualFix(inputs: Props, pending: PendingRelease): string {
    const target = `${String(inputs.releaseName)} -n ${String(inputs.namespace)}`;
    return pending.lastDeployed ? `\`helm rollback ${target} ${pending.lastDeployed.revision}\`` : `\`helm uninstall ${target}\``;
}

function storeOf(inputs: Props): ReleaseRecords {
    return new ReleaseRecords(new KubeApi(clusterAccess(String(inputs.kubeconfig))), String(inputs.namespace), String(inputs.releaseName));
}

function withoutKeys(props: Props, keys: readonly string[]): Props {
    return Object.fromEntries(Object.entries(props).filter(([key]) => !keys.includes(key)));
}

export const releaseGuard: ResourceHandler = {
    check,
    diff,
    create,
    update,
};
