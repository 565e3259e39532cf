import * as pulumi from "@pulumi/pulumi";
import type { RoleAssignmentMode } from "../shared/permissionsMode";
import type { AcrRole } from "../shared/roles";
import type { FederatedCredentialArgs } from "./federatedArgs";

/** Inputs of an {@link AcrPushPrincipal}. */
export interface AcrPushPrincipalArgs {
    /** Resource id of the registry; roles are assigned on this scope only, from the registry's subscription. Required. */
    readonly registryId: pulumi.Input<string>;
    /**
     * The registry's role assignment permissions mode (see `ContainerRegistry.roleAssignmentMode`); decides which
     * built-in roles are assigned. Default: `"AbacRepositoryPermissions"`, the mode of a new `ContainerRegistry`.
     */
    readonly roleAssignmentMode?: RoleAssignmentMode;
    /**
     * `"push"` (push and pull: Container Registry Repository Writer, or AcrPush in the legacy mode) or `"pull"`
     * (Container Registry Repository Reader, or AcrPull). Default: `"push"`.
     */
    readonly access?: "push" | "pull";
    /** @deprecated Use `access`. A legacy role, accepted only with roleAssignmentMode `"LegacyRegistryPermissions"`. */
    readonly role?: AcrRole;
    /**
     * Repositories the roles are limited to, by ABAC condition: `"charts/app"` for one repository, `"charts/"` for every
     * repository under a prefix. ABAC mode only. Default: the whole registry.
     */
    readonly repositories?: readonly string[];
    /**
     * May write tag and manifest metadata, which the version lock of published charts (`writeEnabled: false`) needs;
     * push access only. Adds Container Registry Repository Writer in the legacy mode (the ABAC Writer role has it).
     * Default: `true` for push access.
     */
    readonly lockVersions?: boolean;
    /** May delete tags and manifests (Repository Contributor, or AcrDelete in the legacy mode); push only. Default: `false`. */
    readonly deleteVersions?: boolean;
    /**
     * May list every repository name (Container Registry Repository Catalog Lister in ABAC mode, which takes no
     * conditions; AcrPull and AcrPush include it). Default: `false`.
     */
    readonly listCatalog?: boolean;
    /**
     * Federated identity credentials: CI jobs (GitHub Actions or any OIDC issuer) log in as the application with
     * their own token, no secret. Default: none.
     */
    readonly federatedCredentials?: readonly FederatedCredentialArgs[];
    /** Creates a client secret (password). Default: `true` without federated credentials, `false` with them. */
    readonly createClientSecret?: boolean;
    /** Display name of the Entra ID application and service principal. Default: the component name. */
    readonly displayName?: string;
    /** Object ids of users or principals that own the application. Default: none. */
    readonly owners?: readonly pulumi.Input<string>[];
    /** Fixed expiry of the password as an RFC 3339 time, e.g. `2027-01-31T00:00:00Z`. Default: the provider default (two years after creation). */
    readonly passwordEndDate?: string;
    /**
     * Rotation period in days (1-365). Two passwords overlap: each lives two periods, and they are replaced in turn,
     * one at the first `pulumi up` of even periods and the other of odd periods (counted from the Unix epoch). A
     * password is replaced only once its end date is reached, so the newer one has existed for a period by then
     * (given an `up` every period). `clientSecret` is the newer. Default: one password, no scheduled rotation.
     */
    readonly passwordRotationDays?: number;
    /** Extra keys whose change replaces the password(s) (e.g. a rotation counter). Default: none. */
    readonly rotateWhenChanged?: Readonly<Record<string, pulumi.Input<string>>>;
    /** Time the rotation schedule is computed from (tests and replays pin it). Default: the system clock. */
    readonly clock?: () => Date;
}
