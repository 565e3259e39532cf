import * as pulumi from "@pulumi/pulumi";
import type { LocalPlatformConfig } from "./config";
import type { PlatformOutputs } from "./outputs";

/** The local registry and API server, exported under the names the Azure platform uses; nothing is created. */
export function localPlatform(cfg: LocalPlatformConfig): PlatformOutputs {
    return {
        loginServer: pulumi.output(cfg.loginServer),
        registryId: pulumi.output(`local/${cfg.loginServer}`),
        registryCaCert: pulumi.output(cfg.registryCaCert),
        kubeconfig: pulumi.secret(cfg.kubeconfig),
        oidcIssuerUrl: pulumi.output(cfg.oidcIssuerUrl),
        pushClientId: pulumi.output(cfg.pushUsername),
        pushClientSecret: pulumi.secret(cfg.pushPassword),
    };
}
