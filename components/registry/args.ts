import * as pulumi from "@pulumi/pulumi";
import type { RoleAssignmentMode } from "../shared/permissionsMode";

/** Registry service tiers that can be created today. */
export type RegistrySku = "Basic" | "Standard" | "Premium";
export const registrySkus: readonly RegistrySku[] = ["Basic", "Standard", "Premium"];

/** Registry events a webhook can be notified about. */
export type RegistryWebhookAction = "push" | "delete" | "quarantine" | "chart_push" | "chart_delete";
export const registryWebhookActions: readonly RegistryWebhookAction[] = ["push", "delete", "quarantine", "chart_push", "chart_delete"];

/** A webhook that posts registry events to an HTTP(S) endpoint. */
export interface RegistryWebhookArgs {
    /** Webhook name in the registry: 5-50 letters and digits. Required. */
    readonly name: string;
    /** Endpoint that receives the notifications (http or https). Required. */
    readonly serviceUri: pulumi.Input<string>;
    /** Events that trigger a notification. Required, at least one. */
    readonly actions: readonly RegistryWebhookAction[];
    /** Repositories the webhook applies to, e.g. `helm/*` or `app:latest`. Default: every repository. */
    readonly scope?: string;
    /** Whether notifications are sent. Default: `true`. */
    readonly enabled?: boolean;
}

/** Sends registry logs and metrics to a Log Analytics workspace. */
export interface RegistryDiagnosticsArgs {
    /** Resource id of the Log Analytics workspace. Required. */
    readonly logAnalyticsWorkspaceId: pulumi.Input<string>;
    /** Name of the diagnostic setting on the registry. Default: `"send-to-log-analytics"`. */
    readonly name?: string;
}

/** Inputs of a {@link ContainerRegistry}. */
export interface ContainerRegistryArgs {
    /** Resource group the registry is created in. Required. */
    readonly resourceGroupName: pulumi.Input<string>;
    /** Globally unique registry name: 5-50 letters and digits; the login server is `<name>.azurecr.io`. Required. */
    readonly registryName: string;
    /** Azure location of the registry. Default: the resource group's location. */
    readonly location?: string;
    /** Service tier. Default: `"Standard"`. */
    readonly sku?: RegistrySku;
    /**
     * Role assignment permissions mode: `"AbacRepositoryPermissions"` ("RBAC Registry + ABAC Repository Permissions":
     * Container Registry Repository roles, optionally per repository) or `"LegacyRegistryPermissions"` (AcrPull and
     * AcrPush on the whole registry). Pass the same mode to the principals and clusters that use the registry.
     * Default: `"AbacRepositoryPermissions"`.
     */
    readonly roleAssignmentMode?: RoleAssignmentMode;
    /** Enables the shared admin user (username/password login). Default: `false`. */
    readonly adminUserEnabled?: boolean;
    /** Allows unauthenticated pulls of every repository. Standard or Premium only. Default: `false`. */
    readonly anonymousPullEnabled?: boolean;
    /** Azure locations (e.g. `northeurope`) to geo-replicate to. Premium only. Default: none. */
    readonly geoReplications?: readonly string[];
    /** Spreads the registry (and its replicas) across availability zones. Premium only. Default: `false`. */
    readonly zoneRedundancy?: boolean;
    /** Days (0-365) untagged manifests are kept before they are purged. Premium only. Default: untagged manifests are kept forever. */
    readonly untaggedRetentionDays?: number;
    /** Action for requests that match no IP rule. `"Deny"` is Premium only; lower tiers always allow. Default: `"Allow"`. */
    readonly networkDefaultAction?: "Allow" | "Deny";
    /** IPv4 addresses or CIDR ranges allowed when `networkDefaultAction` is `"Deny"`. Premium only. Default: none. */
    readonly ipAllowList?: readonly string[];
    /** Whether the registry is reachable from the public internet. Disabling it is Premium only. Default: `true`. */
    readonly publicNetworkAccess?: boolean;
    /** Webhooks to create (at most 2 on Basic, 10 on Standard, 500 on Premium). Default: none. */
    readonly webhooks?: readonly RegistryWebhookArgs[];
    /** Sends all registry logs and metrics to Log Analytics. Default: no diagnostic setting. */
    readonly diagnostics?: RegistryDiagnosticsArgs;
    /** Tags applied to the registry, its replicas and webhooks. Default: none. */
    readonly tags?: pulumi.Input<Record<string, pulumi.Input<string>>>;
}
