import { checkAll, ValidationError } from "../../chart/model/validation";
import { roleAssignmentModes } from "../shared/permissionsMode";
import { validateRepositories } from "../shared/repositoryNames";
import { acrRoles } from "../shared/roles";
import { principalMode, wantsClientSecret } from "./access";
import { AcrPushPrincipalArgs } from "./args";
import { validateFederatedCredentials } from "./validateFederated";

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const registryIdPattern =
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[a-zA-Z0-9]{5,50}$/i;

/** Throws a {@link ValidationError} naming every invalid argument and its fix. */
export function validateAcrPushPrincipalArgs(args: AcrPushPrincipalArgs): void {
    checkAll([
        () => validateIdentity(args),
        () => validateMode(args),
        () => validateAccess(args),
        () => validateFederatedCredentials(args.federatedCredentials),
        () => validateSecret(args),
        () => validatePasswordLifetime(args),
    ]);
}

/** The mode first: the role checks below depend on it. */
function validateMode(args: AcrPushPrincipalArgs): void {
    if (args.roleAssignmentMode !== undefined && !roleAssignmentModes.includes(args.roleAssignmentMode)) {
        throw new ValidationError(
            "roleAssignmentMode",
            `roleAssignmentMode must be one of ${roleAssignmentModes.join(", ")} (got '${args.roleAssignmentMode}')`,
        );
    }
}

const abacRoleFor = { AcrPush: "Container Registry Repository Writer", AcrPull: "Container Registry Repository Reader" } as const;

function validateAccess(args: AcrPushPrincipalArgs): void {
    const mode = principalMode(args);
    if (!roleAssignmentModes.includes(mode)) return;
    if (args.access !== undefined && args.access !== "push" && args.access !== "pull") {
        throw new ValidationError("access", `access must be 'push' or 'pull' (got '${args.access}')`);
    }
    if (args.role !== undefined && acrRoles.includes(args.role)) {
        if (mode === "AbacRepositoryPermissions") {
            const access = args.role === "AcrPush" ? "push" : "pull";
            throw new ValidationError(
                "role",
                `role '${args.role}' is not honoured by a registry in 'AbacRepositoryPermissions' mode; use access: '${access}' ` +
                    `(assigns ${abacRoleFor[args.role]}), or set roleAssignmentMode: 'LegacyRegistryPermissions' for a legacy registry`,
            );
        }
        if (args.access !== undefined && (args.access === "push") !== (args.role === "AcrPush")) {
            throw new ValidationError("role", `role '${args.role}' contradicts access '${args.access}'; set only access`);
        }
    }
    const pullOnly = (args.access ?? (args.role === "AcrPull" ? "pull" : "push")) === "pull";
    for (const key of ["lockVersions", "deleteVersions"] as const) {
        if (pullOnly && args[key]) {
            throw new ValidationError(
                key,
                `${key} needs push access; a pull-only principal cannot change the registry (remove ${key} or set access: 'push')`,
            );
        }
    }
    validateRepositories("repositories", args.repositories, mode);
}

function validateSecret(args: AcrPushPrincipalArgs): void {
    const federated = (args.federatedCredentials ?? []).length > 0;
    if (args.createClientSecret === false && !federated) {
        throw new ValidationError(
            "createClientSecret",
            "createClientSecret is false and no federatedCredentials are given, so nothing could log in; add a federated credential or create the secret",
        );
    }
    if (!wantsClientSecret(args)) {
        const [used] = (["passwordEndDate", "passwordRotationDays", "rotateWhenChanged"] as const).filter((key) => args[key] !== undefined);
        if (used !== undefined) {
            throw new ValidationError(
                used,
                `${used} applies to a client secret, and none is created with federatedCredentials; set createClientSecret: true or remove ${used}`,
            );
        }
    }
}

function validateIdentity(args: AcrPushPrincipalArgs): void {
    if (typeof args.registryId === "string" && !registryIdPattern.test(args.registryId)) {
        throw new ValidationError(
            "registryId",
            `registryId must be a registry resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>), got '${args.registryId}'`,
        );
    }
    if (args.role !== undefined && !acrRoles.includes(args.role)) {
        throw new ValidationError("role", `role must be one of ${acrRoles.join(", ")} (got '${args.role}')`);
    }
    if (args.displayName !== undefined && (args.displayName.trim() === "" || args.displayName.length > 120)) {
        throw new ValidationError("displayName", "displayName must be 1-120 characters; omit it to use the component name");
    }
}

function validatePasswordLifetime(args: AcrPushPrincipalArgs): void {
    if (args.passwordEndDate !== undefined && args.passwordRotationDays !== undefined) {
        throw new ValidationError(
            "passwordEndDate",
            "set either passwordEndDate or passwordRotationDays, not both; rotation computes the end date itself",
        );
    }
    if (args.passwordEndDate !== undefined && !(rfc3339.test(args.passwordEndDate) && !isNaN(Date.parse(args.passwordEndDate)))) {
        throw new ValidationError(
            "passwordEndDate",
            `passwordEndDate must be an RFC 3339 time such as 2027-01-31T00:00:00Z (got '${args.passwordEndDate}')`,
        );
    }
    const days = args.passwordRotationDays;
    if (days !== undefined && !(Number.isInteger(days) && days >= 1 && days <= 365)) {
        throw new ValidationError("passwordRotationDays", `passwordRotationDays must be a whole number from 1 to 365 (got ${days})`);
    }
    if (args.rotateWhenChanged && "rotationPeriodStart" in args.rotateWhenChanged) {
        throw new ValidationError(
            "rotateWhenChanged",
            "rotateWhenChanged must not use the key 'rotationPeriodStart'; it is reserved for passwordRotationDays",
        );
    }
}
