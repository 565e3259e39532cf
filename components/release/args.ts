import type * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import type { AzureCredentialsInput } from "../publication/args";

/** Pod Security Standard enforced on the release namespace. */
export type PodSecurityLevel = "restricted" | "baseline" | "privileged";

/** A user and password the chart is pulled with (e.g. a service principal's appId and password). */
export interface BasicChartRegistryCredentials {
    readonly kind?: "basic";
    readonly username: pulumi.Input<string>;
    /** Stored only as a Pulumi secret. */
    readonly password: pulumi.Input<string>;
}

/**
 * Credentials the chart is pulled with: `{ username, password }`, or `{ kind: "azure", tenantId? }` for the Azure
 * identity the deployment runs as (no secret).
 */
export type ChartRegistryCredentials = BasicChartRegistryCredentials | AzureCredentialsInput;

/**
 * Signatures a chart must carry before it is installed; checked in every preview and update, before Helm sees the
 * chart. Give one or both.
 */
export interface ChartVerifyArgs {
    /**
     * OpenPGP public key(s) the chart's Helm provenance file must be signed by: ASCII-armored
     * (`gpg --armor --export <id>`), or a binary keyring (`gpg --export <id>`) in base64.
     */
    readonly keyring?: pulumi.Input<string>;
    /** ECDSA P-256 public key in PEM (e.g. `cosign.pub`) the chart's cosign signature must be made with. */
    readonly cosignPublicKey?: pulumi.Input<string>;
    /** Keyless: the identity, OIDC issuer and Sigstore trusted root the chart's Sigstore bundle certificate must match. */
    readonly cosignIdentity?: pulumi.Input<{
        subject: pulumi.Input<string>;
        issuer: pulumi.Input<string>;
        trustedRoot: pulumi.Input<string>;
    }>;
    /** PEM CA certificate(s): the chart needs a Notary Project (Notation) signature whose chain holds one. */
    readonly notationCertificates?: pulumi.Input<string>;
}

export interface ChartReleaseArgs {
    /** Kubernetes provider of the target cluster. Required: releases never go to an ambient kubeconfig. */
    readonly provider: k8s.Provider;
    /** `oci://<registry>/<namespace>/<chart>` of the published chart. Required. */
    readonly chart: pulumi.Input<string>;
    /**
     * Exact chart version (SemVer) to install. Required. Pass the publication's version output rather
     * than a literal: see `ChartRelease` for why.
     */
    readonly version: pulumi.Input<string>;
    /**
     * Credentials the chart is pulled with (no prior `helm registry login`); stored only as secrets, and never
     * handed to Helm. Required: `{ username, password }`, or `{ kind: "azure" }` for the Azure identity where the
     * deployment runs (no secret at all; TypeScript only until the schema and SDKs carry it).
     */
    readonly registryCredentials: ChartRegistryCredentials;
    /**
     * Manifest digest the chart must have: pass the publication's `digest`, and the release installs exactly what
     * was published, refusing a tag that was moved since. Default: whatever the version's tag holds.
     */
    readonly digest?: pulumi.Input<string>;
    /** PEM bundle of extra certificate authorities for a registry with a private CA. Default: the system's. */
    readonly caCert?: pulumi.Input<string>;
    /** Pull over plain HTTP: only for a registry on this machine. Default: false. */
    readonly plainHttp?: pulumi.Input<boolean>;
    /**
     * Refuse to install a chart that is unsigned, signed by another key, or changed after signing. Default: no
     * signature is required.
     */
    readonly verify?: pulumi.Input<ChartVerifyArgs>;
    /** Resource that publishes the chart; the release waits for it. Default: none. */
    readonly publication?: pulumi.Resource;
    /** Namespace to install into. Default: "acr-helm-demo". */
    readonly namespace?: string;
    /** Create (and own) the namespace. Default: true. When false the namespace must already exist. */
    readonly createNamespace?: boolean;
    /** Pod Security Standard enforced on a namespace this component creates. Default: "restricted". */
    readonly podSecurity?: PodSecurityLevel;
    /** Helm release name (DNS label, at most 53 characters). Default: the component name. */
    readonly releaseName?: string;
    /** Chart values. Default: {} (the chart's own defaults). */
    readonly values?: pulumi.Input<Record<string, pulumi.Input<unknown>>>;
    /** Seconds Helm waits for each operation. Default: 300. */
    readonly timeout?: number;
    /** Roll back a failed install or upgrade. Default: true. */
    readonly atomic?: boolean;
    /** Do not wait for the chart's resources to become ready. Default: false. */
    readonly skipAwait?: boolean;
    /**
     * The cluster's kubeconfig (the one the provider uses), read before every install and upgrade: a release left
     * pending by an interrupted operation (`pending-install`, `pending-upgrade`, `pending-rollback`) is named in
     * preview with its revision and age, and the release's Helm records are compared with what changes. Stored
     * only as a secret. Default: none, and none of these checks.
     */
    readonly kubeconfig?: pulumi.Input<string>;
    /**
     * Recover a release left pending for longer than `timeout` before installing or upgrading it: a release deployed
     * before has the pending revision marked failed (the upgrade then starts from the last deployed revision), one
     * never deployed is uninstalled (its objects, then its records), so the install starts afresh. Needs `kubeconfig`.
     * Default: false, and a stuck release fails the preview with how to recover it.
     */
    readonly recoverPendingRelease?: boolean;
}

/** Arguments with every default applied. */
export interface ResolvedChartReleaseArgs {
    readonly namespace: string;
    readonly createNamespace: boolean;
    readonly podSecurity: PodSecurityLevel;
    readonly releaseName: string;
    readonly timeout: number;
    readonly atomic: boolean;
    readonly skipAwait: boolean;
    readonly recoverPendingRelease: boolean;
}

export const chartReleaseDefaults = {
    namespace: "acr-helm-demo",
    createNamespace: true,
    podSecurity: "restricted",
    timeout: 300,
    atomic: true,
    skipAwait: false,
    recoverPendingRelease: false,
} as const;

/** Applies the documented defaults; `componentName` is the default release name. */
export function resolveChartReleaseArgs(componentName: string, args: ChartReleaseArgs): ResolvedChartReleaseArgs {
    return {
        namespace: args.namespace ?? chartReleaseDefaults.namespace,
        createNamespace: args.createNamespace ?? chartReleaseDefaults.createNamespace,
        podSecurity: args.podSecurity ?? chartReleaseDefaults.podSecurity,
        releaseName: args.releaseName ?? componentName,
        timeout: args.timeout ?? chartReleaseDefaults.timeout,
        atomic: args.atomic ?? chartReleaseDefaults.atomic,
        skipAwait: args.skipAwait ?? chartReleaseDefaults.skipAwait,
        recoverPendingRelease: args.recoverPendingRelease ?? chartReleaseDefaults.recoverPendingRelease,
    };
}
