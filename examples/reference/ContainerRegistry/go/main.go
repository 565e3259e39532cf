package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/registry"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		registry2, err := registry.NewContainerRegistry(ctx, "registry", &registry.ContainerRegistryArgs{
			ResourceGroupName:  pulumi.String("platform-rg"),
			RegistryName:       "platformcharts",
			Location:           "westeurope",
			Sku:                "Premium",
			RoleAssignmentMode: "AbacRepositoryPermissions",
		})
		if err != nil {
			return err
		}
		ctx.Export("loginServer", registry2.LoginServer)
		return nil
	})
}
