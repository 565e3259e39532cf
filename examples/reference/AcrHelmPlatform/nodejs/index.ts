import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const platform = new acr_helm.platform.AcrHelmPlatform("platform", {
    location: "westeurope",
    registry: {
        registryName: "platformcharts",
    },
    chart: {
        chartPath: "./charts/hello-acr",
        namespace: "charts",
    },
});
export const loginServer = platform.loginServer;
