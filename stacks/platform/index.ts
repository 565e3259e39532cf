import { azurePlatform } from "./azure";
import { readPlatformConfig } from "./config";
import { localPlatform } from "./local";

const cfg = readPlatformConfig();
const platform = cfg.target === "local" ? localPlatform(cfg) : azurePlatform(cfg);

// Pulumi turns this module's exports into the stack outputs application stacks read.
export const loginServer = platform.loginServer;
export const registryId = platform.registryId;
export const registryCaCert = platform.registryCaCert;
export const kubeconfig = platform.kubeconfig;
export const oidcIssuerUrl = platform.oidcIssuerUrl;
export const pushClientId = platform.pushClientId;
export const pushClientSecret = platform.pushClientSecret;
