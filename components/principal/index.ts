export { AcrPushPrincipal } from "./principal";
export { AcrPushPrincipalArgs } from "./args";
export { validateAcrPushPrincipalArgs } from "./validate";
export { PasswordSchedule, passwordSchedule } from "./password";
