import * as pulumi from "@pulumi/pulumi";

/**
 * Azure built-in role definition GUIDs for registry data access. Source: Microsoft's Azure built-in roles reference,
 * Containers category (https://learn.microsoft.com/azure/role-based-access-control/built-in-roles/containers), and
 * the ACR roles directory (https://learn.microsoft.com/azure/container-registry/container-registry-rbac-built-in-roles-directory-reference).
 * Data actions per role, from the same reference:
 * - AcrPull: registries/pull/read; AcrPush: registries/pull/read, registries/push/write; AcrDelete: registries/artifacts/delete
 * - Repository Reader: repositories/content/read, repositories/metadata/read
 * - Repository Writer: Reader's plus repositories/content/write, repositories/metadata/write
 * - Repository Contributor: Writer's plus repositories/content/delete, repositories/metadata/delete
 * - Repository Catalog Lister: registries/catalog/read (no ABAC conditions)
 */
export const registryRoleGuids = {
    AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
    AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
    AcrDelete: "c2f4ef07-c644-48eb-af81-4b1b4947fb11",
    "Container Registry Repository Reader": "b93aa761-3e63-49ed-ac28-beffa264f7ac",
    "Container Registry Repository Writer": "2a1e307c-b015-4ebd-883e-5b7698a07328",
    "Container Registry Repository Contributor": "2efddaa5-3f1f-4df3-97df-af3f13818f4c",
    "Container Registry Repository Catalog Lister": "bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7",
} as const;

/** A built-in role this package assigns on a registry. */
export type RegistryRole = keyof typeof registryRoleGuids;

/** The legacy registry-wide data roles (honoured only in the `LegacyRegistryPermissions` mode). */
export type AcrRole = "AcrPull" | "AcrPush";
export const acrRoles: readonly AcrRole[] = ["AcrPull", "AcrPush"];

/** Full role definition resource id of `role` in `subscriptionId`. */
export function roleDefinitionId(subscriptionId: string, role: RegistryRole): string {
    return `/subscriptions/${subscriptionId}/providers/Microsoft.Authorization/roleDefinitions/${registryRoleGuids[role]}`;
}

const subscriptionOfId = /^\/subscriptions\/([^/]+)\//i;

/** The subscription a resource id lives in; throws for an id without one. */
export function subscriptionOf(resourceId: string): string {
    const match = subscriptionOfId.exec(resourceId);
    if (!match) throw new Error(`cannot read the subscription from resource id '${resourceId}'; expected /subscriptions/<id>/...`);
    return match[1];
}

/**
 * Role definition id of `role` in the registry's own subscription, the one a role assignment on the registry
 * resolves role definitions in (which need not be the subscription Pulumi deploys with).
 */
export function registryRoleDefinitionId(registryId: pulumi.Input<string>, role: RegistryRole): pulumi.Output<string> {
    return pulumi.output(registryId).apply((id) => roleDefinitionId(subscriptionOf(id), role));
}
