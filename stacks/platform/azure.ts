import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { AksCluster } from "../../components/cluster";
import { AcrPushPrincipal } from "../../components/principal";
import { ContainerRegistry } from "../../components/registry";
import type { AzurePlatformConfig } from "./config";
import type { PlatformOutputs } from "./outputs";

/** A registry (admin user and anonymous pull off), an AKS cluster that may pull from it, and a push identity. */
export function azurePlatform(cfg: AzurePlatformConfig): PlatformOutputs {
    const resourceGroupName =
        cfg.resourceGroupName ?? new resources.ResourceGroup("platform-rg", { location: cfg.location, tags: cfg.tags }).name;
    const registry = new ContainerRegistry("platform-registry", {
        registryName: cfg.registryName,
        sku: cfg.registrySku,
        adminUserEnabled: false,
        anonymousPullEnabled: false,
        resourceGroupName,
        location: cfg.location,
        tags: cfg.tags,
    });
    const cluster = new AksCluster("platform-cluster", {
        resourceGroupName,
        location: cfg.location,
        kubernetesVersion: cfg.kubernetesVersion,
        systemNodePool: { vmSize: cfg.nodeVmSize, count: cfg.nodeCount },
        attachedRegistries: { registry: { registryId: registry.registryId } },
        tags: cfg.tags,
    });
    const pusher = new AcrPushPrincipal("platform-push", {
        registryId: registry.registryId,
        access: "push",
        repositories: cfg.chartNamespaces.map((namespace) => `${namespace}/`),
        lockVersions: true,
        createClientSecret: true,
        displayName: `acr-helm-push-${pulumi.getStack()}`,
        passwordRotationDays: cfg.pushPasswordRotationDays,
        federatedCredentials: cfg.ciRepository
            ? [{ name: "ci-main", github: { repository: cfg.ciRepository, branch: "main" } }]
            : undefined,
    });
    if (pusher.clientSecret === undefined) throw new Error("the push identity was created without a client secret");
    return {
        loginServer: registry.loginServer,
        registryId: registry.registryId,
        registryCaCert: pulumi.output(""),
        kubeconfig: pulumi.secret(cluster.kubeconfig),
        oidcIssuerUrl: cluster.oidcIssuerUrl,
        pushClientId: pusher.clientId,
        pushClientSecret: pulumi.secret(pusher.clientSecret),
    };
}
