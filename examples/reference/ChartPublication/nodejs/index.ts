import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const chart = new acr_helm.ChartPublication("chart", {
    chartPath: "./charts/hello-acr",
    loginServer: "myregistry.azurecr.io",
    namespace: "charts",
    credentials: {
        kind: acr_helm.CredentialsKind.Azure,
    },
});
export const ref = chart.ref;
export const version = chart.version;
export const digest = chart.digest;
