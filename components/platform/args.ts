import * as pulumi from "@pulumi/pulumi";
import type { AksClusterArgs } from "../cluster/args";
import type { ProvenanceSetting } from "../../chart/packaging/provenance";
import type { ChartSigningArgs } from "../publication/args";
import type { AcrPushPrincipalArgs } from "../principal/args";
import type { ContainerRegistryArgs } from "../registry/args";
import type { PodSecurityLevel } from "../release/args";

/**
 * The registry settings a platform chooses. The admin user and anonymous pull are not offered:
 * pushes go through the service principal and pulls through the kubelet identity.
 */
export type PlatformRegistryArgs = Pick<
    ContainerRegistryArgs,
    | "registryName"
    | "roleAssignmentMode"
    | "sku"
    | "geoReplications"
    | "zoneRedundancy"
    | "untaggedRetentionDays"
    | "networkDefaultAction"
    | "ipAllowList"
    | "publicNetworkAccess"
    | "webhooks"
    | "diagnostics"
>;

/** The cluster settings a platform chooses; the registry attachment is always made. */
export type PlatformClusterArgs = Pick<AksClusterArgs, "clusterName" | "dnsPrefix" | "kubernetesVersion" | "systemNodePool">;

/**
 * The push principal's identity, password lifetime and CI logins. Its roles follow the registry's mode: push on the
 * chart namespace only (Container Registry Repository Writer under `<namespace>/`, Contributor when published
 * versions are deleted on destroy) in ABAC mode; AcrPush, Repository Writer for the version lock and AcrDelete when
 * deleting, in the legacy mode. It always has a client secret: the platform publishes the chart with it.
 */
export type PlatformPrincipalArgs = Pick<
    AcrPushPrincipalArgs,
    | "displayName"
    | "owners"
    | "passwordEndDate"
    | "passwordRotationDays"
    | "rotateWhenChanged"
    | "federatedCredentials"
    | "listCatalog"
    | "clock"
>;

/** Which chart is published, and where in the registry. */
export interface PlatformChartArgs {
    /** Chart directory or packaged .tgz. Default: the demo chart `charts/hello-acr` shipped with this package. */
    readonly chartPath?: string;
    /** Namespace inside the registry: the chart's repository is `<namespace>/<chart name>`. Default: `"helm"`. */
    readonly namespace?: string;
    /** @deprecated The namespace under its former name; use `namespace`. */
    readonly repository?: string;
    /** Extra manifest annotations. Default: none. */
    readonly annotations?: Record<string, string>;
    /** Provenance annotations: `true` reads git, `false` adds none, an object is used as given. Default: `true`. */
    readonly provenance?: ProvenanceSetting;
    /** Allow different content under an existing version. Default: `false` (bump the chart version instead). */
    readonly allowOverwrite?: boolean;
    /** Delete the published version from the registry when the platform is destroyed. Default: `false` (kept). */
    readonly deleteFromRegistryOnDestroy?: boolean;
    /** @deprecated Versions are kept by default. */
    readonly retainOnDelete?: boolean;
    /**
     * Keys to sign the chart with (Helm provenance and/or cosign); the release then refuses a chart not signed by
     * them, verifying with their public halves. Stored as a secret. Default: unsigned, nothing verified.
     */
    readonly signing?: pulumi.Input<ChartSigningArgs>;
}

/** How the published chart is installed into the cluster. */
export interface PlatformReleaseArgs {
    /** Helm release name (DNS label, at most 53 characters). Default: `"acr-helm-demo-1"`. */
    readonly releaseName?: string;
    /** Namespace the release is installed into; created with Pod Security enforcement. Default: `"acr-helm-demo"`. */
    readonly namespace?: string;
    /** Pod Security Standard enforced on the namespace. Default: `"restricted"`. */
    readonly podSecurity?: PodSecurityLevel;
    /** Chart values. Default: `{}` (the chart's own defaults). */
    readonly values?: Record<string, unknown>;
    /**
     * Sets the value `image.registry` to the registry's login server, so the pods pull their image from the
     * platform's registry through the kubelet's pull role (the image must have been pushed there). Default: `false`.
     */
    readonly imageFromRegistry?: boolean;
    /** Seconds Helm waits for each operation. Default: `300`. */
    readonly timeout?: number;
    /** Do not wait for the chart's resources to become ready. Default: `false`. */
    readonly skipAwait?: boolean;
    /**
     * Recover the release when an interrupted operation left it pending for longer than `timeout` (see
     * `ChartRelease`). The platform always checks for one with the cluster's kubeconfig. Default: `false`.
     */
    readonly recoverPendingRelease?: boolean;
}

/** Inputs of an {@link AcrHelmPlatform}. */
export interface AcrHelmPlatformArgs {
    /** Name of an existing resource group to deploy into. Default: a new group `<name>-rg` (plus a random suffix). */
    readonly resourceGroupName?: string;
    /** Azure location of a new resource group and of every resource. Default: the azure-native provider's location. */
    readonly location?: string;
    /** The container registry. `registry.registryName` is required. */
    readonly registry: PlatformRegistryArgs;
    /** The AKS cluster. Default: one `Standard_D2s_v5` system node, the region's default Kubernetes version. */
    readonly cluster?: PlatformClusterArgs;
    /** The push service principal. Default: display name `<name>-push`, the provider's password lifetime, no federated credentials. */
    readonly principal?: PlatformPrincipalArgs;
    /** The published chart. Default: the demo chart under `helm/`. */
    readonly chart?: PlatformChartArgs;
    /** The release of the chart. Default: `acr-helm-demo-1` in namespace `acr-helm-demo`, chart defaults. */
    readonly release?: PlatformReleaseArgs;
    /** Tags applied to the resource group, registry and cluster. Default: none. */
    readonly tags?: Record<string, string>;
}

export const platformDefaults = {
    chartNamespace: "helm",
    releaseName: "acr-helm-demo-1",
    namespace: "acr-helm-demo",
} as const;

/** Chart values with `image.registry` set to the login server when `imageFromRegistry` is on. */
export function releaseValues(
    release: PlatformReleaseArgs | undefined,
    loginServer: pulumi.Output<string>,
): pulumi.Input<Record<string, unknown>> {
    const values = release?.values ?? {};
    if (!release?.imageFromRegistry) return values;
    return loginServer.apply((server) => withImageRegistry(values, server));
}

export function withImageRegistry(values: Record<string, unknown>, registry: string): Record<string, unknown> {
    const image = (values.image ?? {}) as Record<string, unknown>;
    return { ...values, image: { ...image, registry } };
}
