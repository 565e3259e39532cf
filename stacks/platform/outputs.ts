import * as pulumi from "@pulumi/pulumi";

/** What application stacks read through a StackReference; the same names whatever the target. */
export interface PlatformOutputs {
    /** Registry host, e.g. `myregistry.azurecr.io`. */
    readonly loginServer: pulumi.Output<string>;
    /** Azure resource id of the registry (`local/<host>` for a local one). */
    readonly registryId: pulumi.Output<string>;
    /** PEM of the registry's private CA; `""` for ACR, whose certificate chains to a public root. */
    readonly registryCaCert: pulumi.Output<string>;
    /** Kubeconfig of the cluster (secret). */
    readonly kubeconfig: pulumi.Output<string>;
    /** The cluster's OIDC issuer URL, for workload identity federation. */
    readonly oidcIssuerUrl: pulumi.Output<string>;
    /** Client id (username) of the push identity. */
    readonly pushClientId: pulumi.Output<string>;
    /** Password of the push identity (secret). */
    readonly pushClientSecret: pulumi.Output<string>;
}
