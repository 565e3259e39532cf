export { ContainerRegistry } from "./registry";
export { ContainerRegistryArgs, RegistryDiagnosticsArgs, RegistrySku, RegistryWebhookAction, RegistryWebhookArgs } from "./args";
export { validateContainerRegistryArgs, validateRegistryName } from "./validate";
