package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/cluster"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		registryId := cfg.Require("registryId")
		cluster2, err := cluster.NewAksCluster(ctx, "cluster", &cluster.AksClusterArgs{
			ResourceGroupName: pulumi.String("platform-rg"),
			Location:          "westeurope",
			AttachRegistryIds: []pulumi.String{
				pulumi.String(registryId),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("clusterName", cluster2.ClusterName)
		return nil
	})
}
