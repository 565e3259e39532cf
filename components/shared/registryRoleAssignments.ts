import * as pulumi from "@pulumi/pulumi";
import * as authorization from "@pulumi/azure-native/authorization";
import { childName } from "./naming";
import { RegistryGrant } from "./registryGrants";
import { repositoryConditionVersion } from "./repositoryCondition";
import { registryRoleDefinitionId } from "./roles";

/** Who receives the grants, where, and under which child names. */
export interface GrantTarget {
    /** Prefix of the children's names (`${prefix}-${grant.suffix}`). */
    readonly namePrefix: string;
    readonly principalId: pulumi.Input<string>;
    readonly registryId: pulumi.Input<string>;
    readonly parent: pulumi.Resource;
    /** Former child name per grant suffix, kept as an alias so a renamed assignment is not replaced. */
    readonly formerNames?: Readonly<Record<string, string>>;
}

/** One role assignment per grant, scoped to the registry, role definitions resolved in the registry's subscription. */
export function assignRegistryRoles(target: GrantTarget, grants: readonly RegistryGrant[]): authorization.RoleAssignment[] {
    return grants.map(
        (grant) =>
            new authorization.RoleAssignment(
                childName(target.namePrefix, grant.suffix),
                {
                    principalId: target.principalId,
                    principalType: "ServicePrincipal",
                    roleDefinitionId: registryRoleDefinitionId(target.registryId, grant.role),
                    scope: target.registryId,
                    ...(grant.condition !== undefined ? { condition: grant.condition, conditionVersion: repositoryConditionVersion } : {}),
                },
                { parent: target.parent, aliases: formerName(target, grant.suffix) },
            ),
    );
}

function formerName(target: GrantTarget, suffix: string): pulumi.Input<pulumi.Alias>[] | undefined {
    const former = target.formerNames?.[suffix];
    return former !== undefined ? [{ name: former }] : undefined;
}
