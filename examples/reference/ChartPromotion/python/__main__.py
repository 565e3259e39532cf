import pulumi
import pulumi_acr_helm as acr_helm

promotion = acr_helm.chart.ChartPromotion("promotion",
    chart="hello-acr",
    version="0.1.0",
    digest="sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d",
    source={
        "login_server": "devregistry.azurecr.io",
        "namespace": "charts",
        "credentials": {
            "kind": acr_helm.CredentialsKind.AZURE,
        },
    },
    destination={
        "login_server": "prodregistry.azurecr.io",
        "namespace": "charts",
        "credentials": {
            "kind": acr_helm.CredentialsKind.AZURE,
        },
    })
pulumi.export("ref", promotion.ref)
