import { defaultRoleAssignmentMode, RoleAssignmentMode } from "../shared/permissionsMode";
import { ContainerRegistryArgs, RegistrySku, RegistryWebhookArgs } from "./args";

/** Registry settings after defaults are applied; the plain (non-Input) part of the Registry's inputs. */
export interface RegistrySettings {
    sku: { name: RegistrySku };
    adminUserEnabled: boolean;
    anonymousPullEnabled: boolean;
    zoneRedundancy: "Enabled" | "Disabled";
    publicNetworkAccess: "Enabled" | "Disabled";
    networkRuleBypassOptions: "AzureServices";
    roleAssignmentMode: RoleAssignmentMode;
    networkRuleSet?: { defaultAction: "Allow" | "Deny"; ipRules: { action: "Allow"; iPAddressOrRange: string }[] };
    policies?: { retentionPolicy: { status: "enabled"; days: number } };
}

/** Applies the secure defaults: admin user off, anonymous pull off, Standard tier, ABAC repository permissions. */
export function registrySettings(args: ContainerRegistryArgs): RegistrySettings {
    const settings: RegistrySettings = {
        sku: { name: args.sku ?? "Standard" },
        adminUserEnabled: args.adminUserEnabled ?? false,
        anonymousPullEnabled: args.anonymousPullEnabled ?? false,
        zoneRedundancy: args.zoneRedundancy ? "Enabled" : "Disabled",
        publicNetworkAccess: args.publicNetworkAccess === false ? "Disabled" : "Enabled",
        // The SDK's Registry class sent this default itself; the 2025-11-01 registration sends it explicitly.
        networkRuleBypassOptions: "AzureServices",
        roleAssignmentMode: args.roleAssignmentMode ?? defaultRoleAssignmentMode,
    };
    // Network rule sets exist only on Premium; lower tiers always allow, and Azure rejects a rule set sent to them.
    if (args.networkDefaultAction !== undefined && settings.sku.name === "Premium") {
        settings.networkRuleSet = {
            defaultAction: args.networkDefaultAction,
            ipRules: (args.ipAllowList ?? []).map((range) => ({ action: "Allow", iPAddressOrRange: range })),
        };
    }
    if (args.untaggedRetentionDays !== undefined) {
        settings.policies = { retentionPolicy: { status: "enabled", days: args.untaggedRetentionDays } };
    }
    return settings;
}

/** Webhook settings after defaults are applied. */
export function webhookSettings(webhook: RegistryWebhookArgs): {
    webhookName: string;
    actions: string[];
    status: "enabled" | "disabled";
    scope?: string;
} {
    return {
        webhookName: webhook.name,
        actions: [...webhook.actions],
        status: webhook.enabled === false ? "disabled" : "enabled",
        ...(webhook.scope !== undefined ? { scope: webhook.scope } : {}),
    };
}

/** Default diagnostic setting name on the registry. */
export const defaultDiagnosticsName = "send-to-log-analytics";

/** Every log category and every metric of the registry. */
export const registryDiagnosticsCategories = {
    logs: [{ categoryGroup: "allLogs", enabled: true }],
    metrics: [{ category: "AllMetrics", enabled: true }],
};
