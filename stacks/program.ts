import * as pulumi from "@pulumi/pulumi";
import { AcrHelmPlatform } from "../components/platform";
import { StackConfig } from "./config";

/** Stack outputs; the secrets stay secret in state and in `pulumi stack output`. */
export interface StackOutputs {
    loginServer: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    pushClientId: pulumi.Output<string>;
    pushClientSecret: pulumi.Output<string>;
    kubeconfig: pulumi.Output<string>;
    chartRef: pulumi.Output<string>;
    chartVersion: pulumi.Output<string>;
    releaseStatus: pulumi.Output<string>;
}

/**
 * The whole environment: resource group, registry, cluster attached to it, a push principal scoped to it,
 * the chart published to the registry and released into the cluster. `clock` is the time the push password's
 * rotation is computed from (tests pin it); default: the system clock.
 */
export function deployStack(cfg: StackConfig, clock?: () => Date): StackOutputs {
    const platform = new AcrHelmPlatform("acr-helm", {
        resourceGroupName: cfg.resourceGroupName,
        location: cfg.location,
        registry: {
            registryName: cfg.registryName,
            sku: cfg.registrySku,
            geoReplications: cfg.geoReplications,
            zoneRedundancy: cfg.zoneRedundancy,
            untaggedRetentionDays: cfg.untaggedRetentionDays,
        },
        cluster: {
            kubernetesVersion: cfg.kubernetesVersion,
            systemNodePool: {
                vmSize: cfg.nodeVmSize,
                count: cfg.nodeCount,
                minCount: cfg.nodeMinCount,
                maxCount: cfg.nodeMaxCount,
            },
        },
        principal: {
            displayName: `acr-helm-push-${cfg.stack}`,
            passwordRotationDays: cfg.pushPasswordRotationDays,
            clock,
        },
        chart: { chartPath: cfg.chartPath, namespace: cfg.chartRepository },
        release: {
            releaseName: cfg.releaseName,
            namespace: cfg.releaseNamespace,
            values: cfg.chartValues,
            imageFromRegistry: cfg.imageFromRegistry,
        },
        tags: cfg.tags,
    });
    return {
        loginServer: platform.loginServer,
        clusterName: platform.clusterName,
        pushClientId: platform.pushClientId,
        pushClientSecret: platform.pushClientSecret,
        kubeconfig: platform.kubeconfig,
        chartRef: platform.chartRef,
        chartVersion: platform.chartVersion,
        releaseStatus: platform.releaseStatus,
    };
}
