import * as pulumi from "@pulumi/pulumi";
import type { RegistryArgs as RegistryArgs20230101Preview } from "@pulumi/azure-native/containerregistry";
import { getVersion as azureNativeVersion } from "@pulumi/azure-native/utilities";
import { RoleAssignmentMode } from "../shared/permissionsMode";

/**
 * Inputs of a registry at ARM API version 2025-11-01: the typed inputs of the SDK's `containerregistry.Registry`
 * (API 2023-01-01-preview), minus its preview-only properties this package does not send, plus
 * `roleAssignmentMode`, which that API version lacks and 2025-11-01 (the first stable version with it) has.
 */
export interface Registry20251101Args extends Pick<
    RegistryArgs20230101Preview,
    | "resourceGroupName"
    | "registryName"
    | "location"
    | "tags"
    | "sku"
    | "adminUserEnabled"
    | "anonymousPullEnabled"
    | "zoneRedundancy"
    | "publicNetworkAccess"
    | "networkRuleBypassOptions"
    | "networkRuleSet"
    | "policies"
> {
    /** `"AbacRepositoryPermissions"` or `"LegacyRegistryPermissions"`. */
    roleAssignmentMode: pulumi.Input<RoleAssignmentMode>;
}

/** The provider's token for the registry resource at API version 2025-11-01. */
export const registry20251101Type = "azure-native:containerregistry/v20251101:Registry";

/**
 * The registry resource at API 2025-11-01, registered under the azure-native provider's versioned token (the
 * provider serves every API version it lists; `pulumi package add azure-native containerregistry 2025-11-01`
 * would generate the same registration). Aliased to the default-version type, so a stack created with
 * `containerregistry.Registry` keeps the same resource and sees an update, not a replacement.
 */
export class Registry20251101 extends pulumi.CustomResource {
    declare public readonly name: pulumi.Output<string>;
    declare public readonly loginServer: pulumi.Output<string>;
    declare public readonly location: pulumi.Output<string>;
    declare public readonly roleAssignmentMode: pulumi.Output<RoleAssignmentMode>;

    constructor(name: string, args: Registry20251101Args, opts?: pulumi.CustomResourceOptions) {
        const outputs = { name: undefined, loginServer: undefined, location: undefined, roleAssignmentMode: undefined };
        // The provider version the SDK's own resources ask for, so one azure-native plugin serves them all.
        const defaults: pulumi.CustomResourceOptions = {
            version: azureNativeVersion(),
            aliases: [{ type: "azure-native:containerregistry:Registry" }],
        };
        super(registry20251101Type, name, { ...outputs, ...args }, pulumi.mergeOptions(defaults, opts));
    }
}
