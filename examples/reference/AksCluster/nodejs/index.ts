import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const config = new pulumi.Config();
const registryId = config.require("registryId");
const cluster = new acr_helm.cluster.AksCluster("cluster", {
    resourceGroupName: "platform-rg",
    location: "westeurope",
    attachRegistryIds: [registryId],
});
export const clusterName = cluster.clusterName;
