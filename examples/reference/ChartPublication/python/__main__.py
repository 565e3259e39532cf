import pulumi
import pulumi_acr_helm as acr_helm

chart = acr_helm.ChartPublication("chart",
    chart_path="./charts/hello-acr",
    login_server="myregistry.azurecr.io",
    namespace="charts",
    credentials={
        "kind": acr_helm.CredentialsKind.AZURE,
    })
pulumi.export("ref", chart.ref)
pulumi.export("version", chart.version)
pulumi.export("digest", chart.digest)
