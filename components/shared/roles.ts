import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";

/** Azure built-in role definition GUIDs for Azure Container Registry data access. */
export const acrRoleGuids = {
    AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
} as const;

/** A built-in registry data role: pull only, or push and pull. */
export type AcrRole = keyof typeof acrRoleGuids;

/** Roles accepted wherever a caller chooses a registry role. */
export const acrRoles: readonly AcrRole[] = Object.keys(acrRoleGuids) as AcrRole[];

/** Full role definition resource id of `role` in `subscriptionId`. */
export function roleDefinitionId(subscriptionId: string, role: AcrRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${acrRoleGuids[role]}`;
}

/**
 * Role definition id of `role` in the subscription of the credentials Pulumi
 * deploys with (the same subscription the role assignment is created in).
 */
export function roleDefinitionIdOutput(role: AcrRole, opts?: pulumi.InvokeOutputOptions): pulumi.Output<string> {
    return authorization.getClientConfigOutput(opts).apply((config) => roleDefinitionId(config.subscriptionId, role));
}
