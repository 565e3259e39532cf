import { checkAll, ValidationError } from "../../chart/model/validation";
import { alphanumeric5to50 } from "../shared/naming";
import { roleAssignmentModes } from "../shared/permissionsMode";
import { ContainerRegistryArgs, RegistrySku, RegistryWebhookArgs, registrySkus, registryWebhookActions } from "./args";

/** Webhooks each tier allows per registry. */
export const webhookLimits: Record<RegistrySku, number> = { Basic: 2, Standard: 10, Premium: 500 };

const azureLocation = /^[a-z0-9]+$/;
const ipv4OrCidr = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})(\/(\d{1,2}))?$/;

/** Throws a {@link ValidationError} naming every invalid argument and its fix. */
export function validateContainerRegistryArgs(args: ContainerRegistryArgs): void {
    checkAll([
        () => validateRegistryName(args.registryName),
        () => validateTierOptions(args),
        () => validateGeoReplications(args.geoReplications ?? [], args.location),
        () => validateRetention(args.untaggedRetentionDays),
        () => validateNetwork(args),
        () => validateRoleAssignmentMode(args.roleAssignmentMode),
    ]);
}

function validateRoleAssignmentMode(mode: string | undefined): void {
    if (mode !== undefined && !roleAssignmentModes.includes(mode as never)) {
        throw new ValidationError(
            "roleAssignmentMode",
            `roleAssignmentMode must be one of ${roleAssignmentModes.join(", ")} (got '${mode}')`,
        );
    }
}

/** What the tier allows is checked only for a tier that exists. */
function validateTierOptions(args: ContainerRegistryArgs): void {
    const sku = args.sku ?? "Standard";
    if (!registrySkus.includes(sku)) {
        throw new ValidationError("sku", `sku must be one of ${registrySkus.join(", ")} (got '${sku}')`);
    }
    checkAll([() => validatePremiumOnly(args, sku), () => validateWebhooks(args.webhooks ?? [], sku)]);
}

/** Registry names become DNS labels (`<name>.azurecr.io`), hence the strict alphabet. */
export function validateRegistryName(registryName: string): void {
    if (!alphanumeric5to50.test(registryName ?? "")) {
        throw new ValidationError(
            "registryName",
            `registryName must be 5-50 letters and digits, no hyphens or dots (got '${registryName}')`,
        );
    }
}

function premiumOnlySettings(args: ContainerRegistryArgs): string[] {
    const used: string[] = [];
    if ((args.geoReplications ?? []).length > 0) used.push("geoReplications");
    if (args.zoneRedundancy) used.push("zoneRedundancy");
    if (args.untaggedRetentionDays !== undefined) used.push("untaggedRetentionDays");
    if (args.networkDefaultAction === "Deny") used.push("networkDefaultAction 'Deny'");
    if ((args.ipAllowList ?? []).length > 0) used.push("ipAllowList");
    if (args.publicNetworkAccess === false) used.push("publicNetworkAccess false");
    return used;
}

function validatePremiumOnly(args: ContainerRegistryArgs, sku: RegistrySku): void {
    if (sku !== "Premium") {
        const [first] = premiumOnlySettings(args);
        if (first !== undefined) {
            throw new ValidationError(
                first.split(" ")[0],
                `${first} requires sku 'Premium' (got '${sku}'); set sku: "Premium" or remove the option`,
            );
        }
    }
    if (sku === "Basic" && args.anonymousPullEnabled) {
        throw new ValidationError("anonymousPullEnabled", "anonymousPullEnabled requires sku 'Standard' or 'Premium' (got 'Basic')");
    }
}

function validateGeoReplications(locations: readonly string[], homeLocation: string | undefined): void {
    const seen = new Set<string>();
    for (const location of locations) {
        if (!azureLocation.test(location)) {
            throw new ValidationError(
                "geoReplications",
                `geoReplications entries must be Azure location names in lowercase letters and digits, e.g. 'northeurope' (got '${location}')`,
            );
        }
        if (seen.has(location)) {
            throw new ValidationError("geoReplications", `geoReplications lists '${location}' twice; list each location once`);
        }
        if (location === homeLocation) {
            throw new ValidationError(
                "geoReplications",
                `geoReplications must not contain the registry's own location '${location}'; Azure replicates there already`,
            );
        }
        seen.add(location);
    }
}

function validateRetention(days: number | undefined): void {
    if (days !== undefined && !(Number.isInteger(days) && days >= 0 && days <= 365)) {
        throw new ValidationError("untaggedRetentionDays", `untaggedRetentionDays must be a whole number from 0 to 365 (got ${days})`);
    }
}

function validateNetwork(args: ContainerRegistryArgs): void {
    const allowList = args.ipAllowList ?? [];
    if (allowList.length > 0 && args.networkDefaultAction !== "Deny") {
        throw new ValidationError(
            "ipAllowList",
            "ipAllowList only takes effect with networkDefaultAction 'Deny'; set networkDefaultAction: \"Deny\"",
        );
    }
    for (const entry of allowList) {
        if (!isIpv4OrCidr(entry)) {
            throw new ValidationError(
                "ipAllowList",
                `ipAllowList entries must be IPv4 addresses or CIDR ranges such as 203.0.113.0/24 (got '${entry}')`,
            );
        }
    }
}

/** True for `a.b.c.d` or `a.b.c.d/n` with octets 0-255 and prefix 0-32. */
export function isIpv4OrCidr(value: string): boolean {
    const match = ipv4OrCidr.exec(value);
    if (!match) return false;
    const octetsValid = match.slice(1, 5).every((octet) => Number(octet) <= 255);
    return octetsValid && (match[6] === undefined || Number(match[6]) <= 32);
}

function validateWebhooks(webhooks: readonly RegistryWebhookArgs[], sku: RegistrySku): void {
    if (webhooks.length > webhookLimits[sku]) {
        throw new ValidationError(
            "webhooks",
            `sku '${sku}' allows at most ${webhookLimits[sku]} webhooks (got ${webhooks.length}); remove some or choose a higher sku`,
        );
    }
    const names = new Set<string>();
    for (const webhook of webhooks) {
        validateWebhook(webhook);
        if (names.has(webhook.name)) {
            throw new ValidationError("webhooks", `webhook name '${webhook.name}' is used twice; give each webhook its own name`);
        }
        names.add(webhook.name);
    }
}

function validateWebhook(webhook: RegistryWebhookArgs): void {
    if (!alphanumeric5to50.test(webhook.name ?? "")) {
        throw new ValidationError("webhooks.name", `webhook name must be 5-50 letters and digits (got '${webhook.name}')`);
    }
    if (!webhook.actions || webhook.actions.length === 0) {
        throw new ValidationError("webhooks.actions", `webhook '${webhook.name}' needs at least one action, e.g. ["push"]`);
    }
    for (const action of webhook.actions) {
        if (!registryWebhookActions.includes(action)) {
            throw new ValidationError(
                "webhooks.actions",
                `webhook '${webhook.name}' has unknown action '${action}'; use ${registryWebhookActions.join(", ")}`,
            );
        }
    }
    if (typeof webhook.serviceUri === "string" && !/^https?:\/\/[^\s/]+/.test(webhook.serviceUri)) {
        // The URI itself is not echoed: it may embed a token in its query string.
        throw new ValidationError("webhooks.serviceUri", `webhook '${webhook.name}' serviceUri must be an absolute http(s) URL`);
    }
}
