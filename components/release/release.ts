import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { childName } from "../shared/naming";
import { kubernetesSdk } from "./kubernetesSdk";
import { ChartDownload, ChartDownloadProps } from "./download/resource";
import { ReleaseGuard } from "./guard";
import { previewObjectChanges } from "./previewObjectChanges";
import { ChartRegistryCredentials, ChartReleaseArgs, PodSecurityLevel, ResolvedChartReleaseArgs } from "./args";
import { isAzureCredentials, literalVersionWarning, validateChartRef, validateChartReleaseArgs, validateChartVersion } from "./validate";

/**
 * Installs a chart published to an OCI registry (e.g. ACR) into a cluster: an optional namespace with
 * Pod Security enforcement, the chart pulled from `oci://...` with the given credentials and verified by digest,
 * and a Helm release of exactly that archive.
 *
 * Pass the publication's version output as `version`: the chart is fetched already during preview once all of
 * its inputs are known. On the first preview of a new stack the chart has not been
 * pushed yet, so a literal version would make that preview fail with "not found"; an Output that is
 * unknown until the publication ran defers the fetch to the update, after the push.
 */
export class ChartRelease extends pulumi.ComponentResource {
    /** Helm's release status, e.g. "deployed". */
    readonly status: pulumi.Output<string>;
    /** Release revision, 1 after the first install. */
    readonly revision: pulumi.Output<number>;
    /** Namespace the release is installed in. */
    readonly namespace: pulumi.Output<string>;
    /** Helm release name. */
    readonly releaseName: pulumi.Output<string>;

    constructor(name: string, args: ChartReleaseArgs, opts?: pulumi.ComponentResourceOptions) {
        // Validated before registering anything, so bad input leaves nothing behind.
        const resolved = validateChartReleaseArgs(name, args);
        super("acr-helm:release:ChartRelease", name, {}, opts);
        const versionWarning = literalVersionWarning(args);
        if (versionWarning) pulumi.log.warn(versionWarning, this);

        const namespace = resolved.createNamespace
            ? this.createNamespace(name, resolved.namespace, resolved.podSecurity, args.provider).metadata.name
            : pulumi.output(resolved.namespace);

        // The chart is pulled and verified by this package, not by the Kubernetes provider's Helm, which ignores
        // `repositoryOpts` credentials for oci:// charts and cannot pin a digest.
        const download = new ChartDownload(
            childName(name, "chart"),
            {
                chart: pulumi.output(args.chart).apply(checked(validateChartRef)),
                // Unknown during the first preview when it comes from the publication (see class comment).
                version: pulumi.output(args.version).apply(checked(validateChartVersion)),
                expectedDigest: args.digest,
                credentials: downloadCredentials(args.registryCredentials),
                caCert: args.caCert,
                plainHttp: args.plainHttp,
                verify: args.verify,
            },
            { parent: this, dependsOn: args.publication ? [args.publication] : [] },
        );

        const guard = args.kubeconfig === undefined ? undefined : this.guard(name, args.kubeconfig, namespace, resolved);

        const release = new (kubernetesSdk().helm.v3.Release)(
            childName(name, "release"),
            {
                name: resolved.releaseName,
                namespace,
                createNamespace: false,
                chart: download.path,
                version: pulumi.output(args.version),
                values: args.values ?? {},
                timeout: resolved.timeout,
                atomic: resolved.atomic,
                cleanupOnFail: true,
                skipAwait: resolved.skipAwait,
            },
            { parent: this, provider: args.provider, dependsOn: guard ? [guard] : [] },
        );

        if (args.kubeconfig !== undefined)
            previewObjectChanges(this, {
                provider: args.provider,
                kubeconfig: args.kubeconfig,
                namespace,
                releaseName: resolved.releaseName,
                chartPath: download.path,
                version: args.version,
                values: (args.values ?? {}) as pulumi.Input<Record<string, unknown>>,
            });

        this.status = release.status.status;
        this.revision = release.status.revision;
        this.namespace = release.namespace;
        this.releaseName = release.name;
        this.registerOutputs({
            status: this.status,
            revision: this.revision,
            namespace: this.namespace,
            releaseName: this.releaseName,
        });
    }

    /** Finds a release left pending by an interrupted operation before Helm refuses to touch it. */
    private guard(
        name: string,
        kubeconfig: pulumi.Input<string>,
        namespace: pulumi.Input<string>,
        resolved: ResolvedChartReleaseArgs,
    ): ReleaseGuard {
        const guard = new ReleaseGuard(
            childName(name, "guard"),
            {
                kubeconfig,
                namespace,
                releaseName: resolved.releaseName,
                recoverPendingRelease: resolved.recoverPendingRelease,
                pendingTimeout: resolved.timeout,
            },
            { parent: this },
        );
        guard.stuckRelease.apply((stuck) => {
            if (stuck) pulumi.log.warn(`Helm release ${resolved.releaseName} is stuck: ${stuck}`, this);
        });
        return guard;
    }

    private createNamespace(name: string, namespace: string, podSecurity: PodSecurityLevel, provider: k8s.Provider): k8s.core.v1.Namespace {
        return new (kubernetesSdk().core.v1.Namespace)(
            childName(name, "namespace"),
            { metadata: { name: namespace, labels: podSecurityLabels(podSecurity) } },
            { parent: this, provider },
        );
    }
}

/** Labels that make the API server enforce (and warn and audit on) a Pod Security Standard. */
export function podSecurityLabels(level: PodSecurityLevel): Record<string, string> {
    return {
        "pod-security.kubernetes.io/enforce": level,
        "pod-security.kubernetes.io/enforce-version": "latest",
        "pod-security.kubernetes.io/warn": level,
        "pod-security.kubernetes.io/audit": level,
    };
}

/**
 * The fields the download needs, and no others (a caller's object may carry more). Resolved first: other languages
 * send the whole object as one Output.
 */
function downloadCredentials(credentials: ChartReleaseArgs["registryCredentials"]): ChartDownloadProps["credentials"] {
    return pulumi.output(credentials as pulumi.Input<ChartRegistryCredentials>).apply((resolved) => {
        if (isAzureCredentials(resolved)) {
            const { tenantId } = resolved as { tenantId?: string };
            return tenantId === undefined ? { kind: "azure" as const } : { kind: "azure" as const, tenantId };
        }
        const basic = resolved as { username: string; password: string };
        return { username: basic.username, password: basic.password };
    });
}

/** Runs `check` on a resolved value and passes it on, so late (Output) values are validated too. */
function checked(check: (value: string) => void): (value: string) => string {
    return (value) => {
        check(value);
        return value;
    };
}
