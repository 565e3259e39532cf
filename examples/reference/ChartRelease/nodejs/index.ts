import * as pulumi from "@pulumi/pulumi";
import * as acr_helm from "@pulumi-acr-helm/sdk";
import * as kubernetes from "@pulumi/kubernetes";

const config = new pulumi.Config();
const kubeconfig = config.require("kubeconfig");
const cluster = new kubernetes.Provider("cluster", {kubeconfig: kubeconfig});
const release = new acr_helm.release.ChartRelease("release", {
    provider: cluster,
    chart: "oci://myregistry.azurecr.io/charts/hello-acr",
    version: "0.1.0",
    digest: "sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
    registryCredentials: {
        kind: acr_helm.ChartCredentialsKind.Azure,
    },
    namespace: "hello",
    values: {
        replicaCount: 2,
    },
});
export const status = release.status;
