import { checkAll, ValidationError } from "../../chart/model/validation";
import { roleAssignmentModes } from "../shared/permissionsMode";
import { validateRepositories } from "../shared/repositoryNames";
import { AksClusterArgs, AttachedRegistryArgs, SystemNodePoolArgs } from "./args";

const nodePoolName = /^[a-z][a-z0-9]{0,11}$/;
const dnsPrefix = /^[a-zA-Z0-9]([a-zA-Z0-9-]{0,52}[a-zA-Z0-9])?$/;
const kubernetesVersion = /^\d+\.\d+(\.\d+)?$/;
const clusterName = /^[a-zA-Z0-9]([a-zA-Z0-9_-]{0,61}[a-zA-Z0-9])?$/;

/** Throws a {@link ValidationError} naming every invalid argument and its fix. */
export function validateAksClusterArgs(args: AksClusterArgs): void {
    checkAll([() => validateNames(args), () => validateSystemNodePool(args.systemNodePool ?? {}), () => validateAttachedRegistries(args)]);
}

const attachKey = /^[a-z0-9]([a-z0-9-]{0,38}[a-z0-9])?$/;

function validateAttachedRegistries(args: AksClusterArgs): void {
    const entries = Object.entries(args.attachedRegistries ?? {});
    if (entries.length > 0 && (args.attachRegistryIds ?? []).length > 0) {
        throw new ValidationError(
            "attachRegistryIds",
            "set attachedRegistries or the deprecated attachRegistryIds, not both; move the ids into attachedRegistries",
        );
    }
    checkAll(
        entries.map(
            ([key, registry]) =>
                () =>
                    validateAttachedRegistry(key, registry),
        ),
    );
}

function validateAttachedRegistry(key: string, registry: AttachedRegistryArgs): void {
    const at = `attachedRegistries.${key}`;
    if (!attachKey.test(key)) {
        throw new ValidationError(at, `${at}: the key names the role assignment; use 1-40 lowercase letters, digits or '-' (got '${key}')`);
    }
    const mode = registry.roleAssignmentMode ?? "AbacRepositoryPermissions";
    if (!roleAssignmentModes.includes(mode)) {
        throw new ValidationError(
            `${at}.roleAssignmentMode`,
            `${at}.roleAssignmentMode must be one of ${roleAssignmentModes.join(", ")} (got '${mode}')`,
        );
    }
    validateRepositories(`${at}.repositories`, registry.repositories, mode);
}

function validateNames(args: AksClusterArgs): void {
    if (args.clusterName !== undefined && !clusterName.test(args.clusterName)) {
        throw new ValidationError(
            "clusterName",
            `clusterName must be 1-63 letters, digits, hyphens or underscores, starting and ending with a letter or digit (got '${args.clusterName}')`,
        );
    }
    if (args.dnsPrefix !== undefined && !dnsPrefix.test(args.dnsPrefix)) {
        throw new ValidationError(
            "dnsPrefix",
            `dnsPrefix must be 1-54 letters, digits or hyphens, starting and ending with a letter or digit (got '${args.dnsPrefix}')`,
        );
    }
    if (args.kubernetesVersion !== undefined && !kubernetesVersion.test(args.kubernetesVersion)) {
        throw new ValidationError(
            "kubernetesVersion",
            `kubernetesVersion must look like '1.33' or '1.33.2' (got '${args.kubernetesVersion}'); omit it to use the AKS default`,
        );
    }
}

function validateSystemNodePool(pool: SystemNodePoolArgs): void {
    if (pool.name !== undefined && !nodePoolName.test(pool.name)) {
        throw new ValidationError(
            "systemNodePool.name",
            `systemNodePool.name must be 1-12 lowercase letters and digits starting with a letter (got '${pool.name}')`,
        );
    }
    if (pool.vmSize !== undefined && pool.vmSize.trim() === "") {
        throw new ValidationError("systemNodePool.vmSize", "systemNodePool.vmSize must not be empty; omit it for Standard_D2s_v5");
    }
    // Autoscaling bounds are compared only once each count is a valid number.
    checkAll([...(["count", "minCount", "maxCount"] as const).map((key) => () => validateCount(key, pool[key]))]);
    validateAutoscaling(pool);
}

function validateCount(key: "count" | "minCount" | "maxCount", value: number | undefined): void {
    if (value !== undefined && !(Number.isInteger(value) && value >= 1 && value <= 1000)) {
        throw new ValidationError(`systemNodePool.${key}`, `systemNodePool.${key} must be a whole number from 1 to 1000 (got ${value})`);
    }
}

function validateAutoscaling(pool: SystemNodePoolArgs): void {
    const { minCount, maxCount, count } = pool;
    if ((minCount === undefined) !== (maxCount === undefined)) {
        const missing = minCount === undefined ? "minCount" : "maxCount";
        throw new ValidationError(
            `systemNodePool.${missing}`,
            `autoscaling needs both systemNodePool.minCount and systemNodePool.maxCount; set systemNodePool.${missing} too`,
        );
    }
    if (minCount === undefined || maxCount === undefined) return;
    if (minCount > maxCount) {
        throw new ValidationError(
            "systemNodePool.minCount",
            `systemNodePool.minCount (${minCount}) must not exceed systemNodePool.maxCount (${maxCount})`,
        );
    }
    if (count !== undefined && (count < minCount || count > maxCount)) {
        throw new ValidationError(
            "systemNodePool.count",
            `systemNodePool.count (${count}) must lie between minCount (${minCount}) and maxCount (${maxCount}) when autoscaling`,
        );
    }
}
