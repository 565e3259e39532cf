export { ContainerRegistry } from "./registry";
export { ContainerRegistryArgs, RegistryDiagnosticsArgs, RegistrySku, RegistryWebhookAction, RegistryWebhookArgs } from "./args";
export { validateContainerRegistryArgs, validateRegistryName } from "./validate";
export { Registry20251101, Registry20251101Args, registry20251101Type } from "./registryResource";
