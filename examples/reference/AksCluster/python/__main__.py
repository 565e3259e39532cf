import pulumi
import pulumi_acr_helm as acr_helm

config = pulumi.Config()
registry_id = config.require("registryId")
cluster = acr_helm.cluster.AksCluster("cluster",
    resource_group_name="platform-rg",
    location="westeurope",
    attach_registry_ids=[registry_id])
pulumi.export("clusterName", cluster.cluster_name)
