import pulumi
import pulumi_acr_helm as acr_helm
import pulumi_kubernetes as kubernetes

config = pulumi.Config()
kubeconfig = config.require("kubeconfig")
cluster = kubernetes.Provider("cluster", kubeconfig=kubeconfig)
release = acr_helm.release.ChartRelease("release",
    provider=cluster,
    chart="oci://myregistry.azurecr.io/charts/hello-acr",
    version="0.1.0",
    digest="sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
    registry_credentials={
        "kind": acr_helm.ChartCredentialsKind.AZURE,
    },
    namespace="hello",
    values={
        "replicaCount": 2,
    })
pulumi.export("status", release.status)
