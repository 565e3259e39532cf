import { RoleAssignmentMode } from "./permissionsMode";
import { repositoryCondition, repositoryDataActions } from "./repositoryCondition";
import { RegistryRole } from "./roles";

/** What an identity needs on a registry. */
export interface RegistryAccess {
    /** Push (and pull) rather than pull only. */
    readonly write: boolean;
    /** Write tag and manifest metadata: the `writeEnabled` version lock (push only). */
    readonly lock: boolean;
    /** Delete tags and manifests (push only). */
    readonly delete: boolean;
    /** List every repository of the registry (the catalog). */
    readonly listCatalog: boolean;
    /** Repositories (`name`) and prefixes (`prefix/`) the access is limited to; empty: the whole registry. */
    readonly repositories: readonly string[];
}

/** One role assignment to make on the registry. */
export interface RegistryGrant {
    /** Child name suffix, unique per principal. */
    readonly suffix: string;
    readonly role: RegistryRole;
    /** ABAC condition limiting the role to `repositories`; absent for a registry-wide grant. */
    readonly condition?: string;
}

/**
 * The built-in roles that give `access` on a registry in `mode`, per Microsoft's ACR roles directory:
 * - ABAC mode: Repository Reader (pull), Writer (push; its `metadata/write` covers the lock) or Contributor
 *   (push and delete), each narrowed to `repositories` by a condition, plus Catalog Lister to list the catalog;
 * - legacy mode: AcrPull or AcrPush (both list the catalog), AcrDelete to delete, and for the lock
 *   Repository Writer, the only data role whose definition has `repositories/metadata/write` (AcrPush holds only
 *   `pull/read` and `push/write`).
 */
export function registryGrants(mode: RoleAssignmentMode, access: RegistryAccess): RegistryGrant[] {
    return mode === "AbacRepositoryPermissions" ? abacGrants(access) : legacyGrants(access);
}

function abacGrants(access: RegistryAccess): RegistryGrant[] {
    const [role, actions]: [RegistryRole, readonly string[]] = !access.write
        ? ["Container Registry Repository Reader", repositoryDataActions.read]
        : access.delete
          ? ["Container Registry Repository Contributor", repositoryDataActions.delete]
          : ["Container Registry Repository Writer", repositoryDataActions.write];
    const condition = access.repositories.length > 0 ? repositoryCondition(actions, access.repositories) : undefined;
    const grants: RegistryGrant[] = [{ suffix: "role", role, ...(condition !== undefined ? { condition } : {}) }];
    if (access.listCatalog) grants.push({ suffix: "role-catalog", role: "Container Registry Repository Catalog Lister" });
    return grants;
}

function legacyGrants(access: RegistryAccess): RegistryGrant[] {
    if (!access.write) return [{ suffix: "role", role: "AcrPull" }];
    const grants: RegistryGrant[] = [{ suffix: "role", role: "AcrPush" }];
    if (access.lock) grants.push({ suffix: "role-metadata", role: "Container Registry Repository Writer" });
    if (access.delete) grants.push({ suffix: "role-delete", role: "AcrDelete" });
    return grants;
}
