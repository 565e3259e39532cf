import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";

const promotion = new acr_helm.chart.ChartPromotion("promotion", {
    chart: "hello-acr",
    version: "0.1.0",
    digest: "sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
    source: {
        loginServer: "devregistry.azurecr.io",
        namespace: "charts",
        credentials: {
            kind: acr_helm.CredentialsKind.Azure,
        },
    },
    destination: {
        loginServer: "prodregistry.azurecr.io",
        namespace: "charts",
        credentials: {
            kind: acr_helm.CredentialsKind.Azure,
        },
    },
});
export const ref = promotion.ref;
