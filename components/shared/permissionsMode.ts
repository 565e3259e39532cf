/**
 * A registry's role assignment permissions mode (ARM property `roleAssignmentMode`, API 2025-11-01 and later):
 * - `"AbacRepositoryPermissions"` ("RBAC Registry + ABAC Repository Permissions"): the Container Registry
 *   Repository Reader/Writer/Contributor and Catalog Lister roles apply, optionally narrowed to repositories by
 *   ABAC conditions; AcrPull, AcrPush and AcrDelete are not honoured.
 * - `"LegacyRegistryPermissions"` ("RBAC Registry Permissions"): AcrPull, AcrPush and AcrDelete apply to the
 *   whole registry; conditions are not supported.
 */
export type RoleAssignmentMode = "AbacRepositoryPermissions" | "LegacyRegistryPermissions";

export const roleAssignmentModes: readonly RoleAssignmentMode[] = ["AbacRepositoryPermissions", "LegacyRegistryPermissions"];

/** Mode of new registries, and the mode assumed for a registry whose mode is not given. */
export const defaultRoleAssignmentMode: RoleAssignmentMode = "AbacRepositoryPermissions";
