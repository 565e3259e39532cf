import { checkAll, ValidationError } from "../shared/errors";
import { acrRoles } from "../shared/roles";
import { AcrPushPrincipalArgs } from "./args";

const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;
const registryIdPattern =
    /^\/subscriptions\/[^/]+\/resourceGroups\/[^/]+\/providers\/Microsoft\.ContainerRegistry\/registries\/[a-zA-Z0-9]{5,50}$/i;

/** Throws a {@link ValidationError} naming every invalid argument and its fix. */
export function validateAcrPushPrincipalArgs(args: AcrPushPrincipalArgs): void {
    checkAll([() => validateIdentity(args), () => validatePasswordLifetime(args)]);
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
