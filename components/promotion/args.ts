import * as pulumi from "@pulumi/pulumi";
import type { RegistryCredentialsInput } from "../publication/args";

/** One end of a promotion: a registry and the namespace the chart lives under there. */
export interface PromotionEndpointArgs {
    /** Registry host, e.g. `devregistry.azurecr.io` (a `host:port` for local registries). */
    readonly loginServer: pulumi.Input<string>;
    /** Namespace inside the registry: the chart's repository is `<namespace>/<chart>`. Default `helm`. */
    readonly namespace?: pulumi.Input<string>;
    /** @deprecated The namespace under its former name; use `namespace`. */
    readonly repository?: pulumi.Input<string>;
    /** Credentials for this registry (AcrPull on the source, AcrPush on the destination); stored only as a secret. Default: anonymous. */
    readonly credentials?: pulumi.Input<RegistryCredentialsInput>;
    /** Talk plain HTTP: only for a registry on this machine. Default `false`. */
    readonly plainHttp?: pulumi.Input<boolean>;
    /** PEM bundle of extra certificate authorities. Default: the system's. */
    readonly caCert?: pulumi.Input<string>;
}

export interface ChartPromotionArgs {
    /** Where the tested version is, e.g. the dev registry. */
    readonly source: PromotionEndpointArgs;
    /** Where it goes, e.g. the prod registry. */
    readonly destination: PromotionEndpointArgs;
    /** Chart name, the last part of its repository path. */
    readonly chart: pulumi.Input<string>;
    /** The chart version to promote; the destination gets it under the same tag. */
    readonly version: pulumi.Input<string>;
    /**
     * The manifest digest to promote, e.g. the dev stack's `ChartPublication.digest` read through a StackReference:
     * exactly that content is copied, even if the source tag has moved. With it, preview needs no network once the
     * destination holds it. Default: what the version's tag points at when the promotion runs.
     */
    readonly digest?: pulumi.Input<string>;
    /**
     * Delete the promoted version from the destination when this resource is destroyed (only while its tag still
     * holds the promoted digest). Default `false`: promoted versions are history that clusters pin to.
     */
    readonly deleteFromRegistryOnDestroy?: pulumi.Input<boolean>;
}
