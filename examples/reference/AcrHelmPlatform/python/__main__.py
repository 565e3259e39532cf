import pulumi
import pulumi_acr_helm as acr_helm

platform = acr_helm.platform.AcrHelmPlatform("platform",
    location="westeurope",
    registry={
        "registry_name": "platformcharts",
    },
    chart={
        "chart_path": "./charts/hello-acr",
        "namespace": "charts",
    })
pulumi.export("loginServer", platform.login_server)
