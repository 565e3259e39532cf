export { AcrPushPrincipal } from "./principal";
export { AcrPushPrincipalArgs } from "./args";
export { FederatedCredentialArgs, GitHubActionsSubjectArgs, entraTokenExchangeAudience, githubActionsIssuer } from "./federatedArgs";
export { githubActionsSubject } from "./federated";
export { validateAcrPushPrincipalArgs } from "./validate";
export { PasswordPlan, PasswordSlot, passwordPlan } from "./password";
