import pulumi
import pulumi_acr_helm as acr_helm

registry = acr_helm.registry.ContainerRegistry("registry",
    resource_group_name="platform-rg",
    registry_name="platformcharts",
    location="westeurope",
    sku="Premium",
    role_assignment_mode="AbacRepositoryPermissions")
pulumi.export("loginServer", registry.login_server)
