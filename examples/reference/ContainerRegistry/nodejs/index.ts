import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const registry = new acr_helm.registry.ContainerRegistry("registry", {
    resourceGroupName: "platform-rg",
    registryName: "platformcharts",
    location: "westeurope",
    sku: "Premium",
    roleAssignmentMode: "AbacRepositoryPermissions",
});
export const loginServer = registry.loginServer;
