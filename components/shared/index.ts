export { ValidationError } from "./errors";
export { AcrRole, acrRoleGuids, acrRoles, roleDefinitionId, roleDefinitionIdOutput } from "./roles";
