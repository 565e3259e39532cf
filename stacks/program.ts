import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { AksCluster } from "../components/cluster";
import { AcrPushPrincipal } from "../components/principal";
import { ContainerRegistry } from "../components/registry";
import { StackConfig } from "./config";

/** Stack outputs; the secrets stay secret in state and in `pulumi stack output`. */
export interface StackOutputs {
    loginServer: pulumi.Output<string>;
    clusterName: pulumi.Output<string>;
    pushClientId: pulumi.Output<string>;
    pushClientSecret: pulumi.Output<string>;
    kubeconfig: pulumi.Output<string>;
}

/** The whole environment: resource group, registry, cluster attached to it, and a push principal scoped to it. */
export function deployStack(cfg: StackConfig): StackOutputs {
    const group = new resources.ResourceGroup("acr-helm", {
        resourceGroupName: cfg.resourceGroupName,
        location: cfg.location,
        tags: cfg.tags,
    });
    const registry = new ContainerRegistry("registry", {
        resourceGroupName: group.name,
        registryName: cfg.registryName,
        location: cfg.location,
        sku: cfg.registrySku,
        geoReplications: cfg.geoReplications,
        zoneRedundancy: cfg.zoneRedundancy,
        untaggedRetentionDays: cfg.untaggedRetentionDays,
        tags: cfg.tags,
    });
    const cluster = new AksCluster("cluster", {
        resourceGroupName: group.name,
        location: cfg.location,
        kubernetesVersion: cfg.kubernetesVersion,
        systemNodePool: {
            vmSize: cfg.nodeVmSize,
            count: cfg.nodeCount,
            minCount: cfg.nodeMinCount,
            maxCount: cfg.nodeMaxCount,
        },
        attachRegistryIds: [registry.registryId],
        tags: cfg.tags,
    });
    const pusher = new AcrPushPrincipal("push", {
        registryId: registry.registryId,
        displayName: `acr-helm-push-${cfg.stack}`,
        passwordRotationDays: cfg.pushPasswordRotationDays,
    });
    return {
        loginServer: registry.loginServer,
        clusterName: cluster.clusterName,
        pushClientId: pusher.clientId,
        pushClientSecret: pusher.clientSecret,
        kubeconfig: cluster.kubeconfig,
    };
}
