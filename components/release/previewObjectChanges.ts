import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { KubeApi } from "./cluster/kubeApi";
import { clusterAccess } from "./cluster/kubeconfigAccess";
import { ReleaseRecords } from "./history/releaseRecords";
import { describeObjectChanges, ManifestObject, manifestObjects, parseManifest } from "./objectChanges";

export interface ObjectChangesInput {
    readonly provider: k8s.Provider;
    readonly kubeconfig: pulumi.Input<string>;
    readonly namespace: pulumi.Input<string>;
    readonly releaseName: string;
    /** The verified chart archive the release installs (known once the chart was fetched). */
    readonly chartPath: pulumi.Input<string>;
    readonly version: pulumi.Input<string>;
    readonly values: pulumi.Input<Record<string, unknown>>;
}

/**
 * In a preview, reports on the release which Kubernetes objects the planned chart and values add, change and remove
 * compared with the revision Helm has deployed: the chart is rendered offline by the Kubernetes provider's Helm
 * (`helm template`), the deployed manifest is read from the release's Helm record. Only kinds, names and field paths
 * are reported, never values, so secret values stay hidden.
 */
export function previewObjectChanges(release: pulumi.Resource, input: ObjectChangesInput): void {
    if (!pulumi.runtime.isDryRun()) return;
    pulumi
        .all([input.kubeconfig, input.namespace, input.chartPath, input.version, input.values])
        .apply(async ([kubeconfig, namespace, chartPath, version, values]) => {
            try {
                const records = await new ReleaseRecords(new KubeApi(clusterAccess(kubeconfig)), namespace, input.releaseName).list();
                const deployed = records.filter((record) => record.status === "deployed").at(-1);
                const planned = await renderedObjects(release, input, { chartPath, namespace, values });
                const lines = describeObjectChanges(deployed ? parseManifest(deployed.manifest, namespace) : [], planned);
                if (lines.length === 0 && deployed?.chartVersion === version) return;
                const from = deployed ? `revision ${deployed.revision} (chart ${deployed.chartVersion ?? "?"})` : "nothing installed";
                const summary =
                    lines.length === 0 ? "no Kubernetes object changes" : `Kubernetes objects that change:\n${lines.join("\n")}`;
                pulumi.log.info(`Helm release ${input.releaseName}: ${from} -> chart ${version}: ${summary}`, release);
            } catch (error) {
                pulumi.log.warn(
                    `Helm release ${input.releaseName}: could not preview its object changes: ${(error as Error).message}`,
                    release,
                );
            }
        });
}

/** The chart rendered as `helm template` does, without hooks (Helm keeps those out of a release's manifest). */
async function renderedObjects(
    release: pulumi.Resource,
    input: ObjectChangesInput,
    resolved: { chartPath: string; namespace: string; values: Record<string, unknown> },
): Promise<ManifestObject[]> {
    const jsonOpts = JSON.stringify({
        path: resolved.chartPath,
        namespace: resolved.namespace,
        values: resolved.values,
        release_name: input.releaseName,
    });
    const rendered = (await pulumi.runtime.invoke(
        "kubernetes:helm:template",
        { jsonOpts },
        { provider: input.provider, parent: release },
    )) as { result?: unknown[] };
    const objects = (rendered.result ?? []).filter((object) => !hasHookAnnotation(object));
    return manifestObjects(objects, resolved.namespace);
}

function hasHookAnnotation(object: unknown): boolean {
    const annotations = (object as { metadata?: { annotations?: Record<string, unknown> } }).metadata?.annotations;
    return annotations !== undefined && annotations["helm.sh/hook"] !== undefined;
}
