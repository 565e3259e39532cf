import * as pulumi from "@pulumi/pulumi";
import type { RoleAssignmentMode } from "../shared/permissionsMode";

/** The cluster's system node pool. */
export interface SystemNodePoolArgs {
    /** Node pool name: 1-12 lowercase letters and digits, starting with a letter. Default: `"system"`. */
    readonly name?: string;
    /** VM size of every node (at least 2 vCPUs and 4 GiB for a system pool). Default: `"Standard_D2s_v5"`. */
    readonly vmSize?: string;
    /** Number of nodes (1-1000); with autoscaling, the initial count. Default: `minCount` when autoscaling, else `1`. */
    readonly count?: number;
    /** Lowest node count for the cluster autoscaler; set together with `maxCount` to enable autoscaling. Default: autoscaling off. */
    readonly minCount?: number;
    /** Highest node count for the cluster autoscaler; set together with `minCount`. Default: autoscaling off. */
    readonly maxCount?: number;
}

/** A registry the kubelet identity may pull from. */
export interface AttachedRegistryArgs {
    /** Resource id of the registry; the role is assigned on it, from the registry's own subscription. Required. */
    readonly registryId: pulumi.Input<string>;
    /**
     * The registry's role assignment permissions mode: Container Registry Repository Reader is granted in
     * `"AbacRepositoryPermissions"` mode, AcrPull in `"LegacyRegistryPermissions"` mode. Default: `"AbacRepositoryPermissions"`.
     */
    readonly roleAssignmentMode?: RoleAssignmentMode;
    /** Repositories (`name`) or prefixes (`prefix/`) the nodes may pull from; ABAC mode only. Default: the whole registry. */
    readonly repositories?: readonly string[];
}

/** Inputs of an {@link AksCluster}. */
export interface AksClusterArgs {
    /** Resource group the cluster is created in. Required. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** Azure location of the cluster. Default: the resource group's location. */
    readonly location?: string;
    /** Name of the managed cluster resource. Default: the component name plus a random suffix. */
    readonly clusterName?: string;
    /** DNS prefix of the API server FQDN: 1-54 letters, digits and hyphens. Default: the component name with other characters removed. */
    readonly dnsPrefix?: string;
    /** Kubernetes version such as `1.33` or `1.33.2`. Default: the AKS default version of the region. */
    readonly kubernetesVersion?: string;
    /** The system node pool. Default: one `Standard_D2s_v5` node named `system`, no autoscaling. */
    readonly systemNodePool?: SystemNodePoolArgs;
    /**
     * Registries whose images the nodes may pull, by a key of the caller's choosing (the role assignment is named
     * `<name>-pull-<key>`, so adding, removing or reordering entries leaves the others alone): the kubelet identity
     * gets pull access on each, what `az aks update --attach-acr` does. Default: none.
     */
    readonly attachedRegistries?: Readonly<Record<string, AttachedRegistryArgs>>;
    /**
     * @deprecated Use `attachedRegistries`. Registry ids in `"AbacRepositoryPermissions"` mode; the assignments are
     * named by position (`<name>-acrpull-<index>`), so reordering the list replaces them.
     */
    readonly attachRegistryIds?: readonly pulumi.Input<string>[];
    /** Tags applied to the managed cluster. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
