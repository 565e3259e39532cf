export { ValidationError } from "../../chart/model/validation";
export { RoleAssignmentMode, defaultRoleAssignmentMode, roleAssignmentModes } from "./permissionsMode";
export { AcrRole, RegistryRole, acrRoles, registryRoleDefinitionId, registryRoleGuids, roleDefinitionId } from "./roles";
export { RegistryAccess, RegistryGrant, registryGrants } from "./registryGrants";
export { repositoryCondition, repositoryConditionVersion } from "./repositoryCondition";
