export { ValidationError } from "./errors";
export { RoleAssignmentMode, defaultRoleAssignmentMode, roleAssignmentModes } from "./permissionsMode";
export { AcrRole, RegistryRole, acrRoles, registryRoleDefinitionId, registryRoleGuids, roleDefinitionId } from "./roles";
export { RegistryAccess, RegistryGrant, registryGrants } from "./registryGrants";
export { repositoryCondition, repositoryConditionVersion } from "./repositoryCondition";
