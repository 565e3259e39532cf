import type * as pulumi from "@pulumi/pulumi";

/** A component the plugin builds through `construct`; the schema lists the outputs other languages read from it. */
export interface ComponentEntry {
    create(name: string, inputs: pulumi.Inputs, options: pulumi.ComponentResourceOptions): pulumi.ComponentResource;
}

/**
 * The components under the tokens they have always had, so that a stack's URNs do not change. Each module is
 * loaded only when a program constructs that component (the Azure SDK is large).
 */
export const COMPONENTS: Record<string, () => ComponentEntry> = {
    "acr-helm:release:ChartRelease": () => ({
        create: (name, inputs, options) => new (require("../../components/release/release").ChartRelease)(name, inputs, options),
    }),
    "acr-helm:chart:ChartPromotion": () => ({
        create: (name, inputs, options) => new (require("../../components/promotion/chartPromotion").ChartPromotion)(name, inputs, options),
    }),
    "acr-helm:registry:ContainerRegistry": () => ({
        create: (name, inputs, options) => new (require("../../components/registry/registry").ContainerRegistry)(name, inputs, options),
    }),
    "acr-helm:cluster:AksCluster": () => ({
        create: (name, inputs, options) => new (require("../../components/cluster/cluster").AksCluster)(name, inputs, options),
    }),
    "acr-helm:principal:AcrPushPrincipal": () => ({
        create: (name, inputs, options) => new (require("../../components/principal/principal").AcrPushPrincipal)(name, inputs, options),
    }),
    "acr-helm:platform:AcrHelmPlatform": () => ({
        create: (name, inputs, options) => new (require("../../components/platform/platform").AcrHelmPlatform)(name, inputs, options),
    }),
};
