import { defaultRoleAssignmentMode, RoleAssignmentMode } from "../shared/permissionsMode";
import { RegistryAccess } from "../shared/registryGrants";
import { AcrPushPrincipalArgs } from "./args";

/** The registry's mode as the principal assumes it. */
export function principalMode(args: AcrPushPrincipalArgs): RoleAssignmentMode {
    return args.roleAssignmentMode ?? defaultRoleAssignmentMode;
}

/** What the principal may do on the registry, after defaults are applied. */
export function principalAccess(args: AcrPushPrincipalArgs): RegistryAccess {
    const write = (args.access ?? (args.role === "AcrPull" ? "pull" : "push")) === "push";
    return {
        write,
        lock: write && (args.lockVersions ?? true),
        delete: write && (args.deleteVersions ?? false),
        listCatalog: args.listCatalog ?? false,
        repositories: [...(args.repositories ?? [])],
    };
}

/** Whether a client secret is created: by default only when no federated credential is given. */
export function wantsClientSecret(args: AcrPushPrincipalArgs): boolean {
    return args.createClientSecret ?? (args.federatedCredentials ?? []).length === 0;
}
