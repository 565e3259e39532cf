import pulumi
import pulumi_acr_helm as acr_helm

config = pulumi.Config()
registry_id = config.require("registryId")
pusher = acr_helm.principal.AcrPushPrincipal("pusher",
    registry_id=registry_id,
    repositories=["charts/*"],
    federated_credentials=[{
        "name": "main-branch",
        "github": {
            "repository": "my-org/platform-charts",
            "branch": "main",
        },
    }])
pulumi.export("clientId", pusher.client_id)
