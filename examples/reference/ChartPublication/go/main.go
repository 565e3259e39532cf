package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		chart, err := acrhelm.NewChartPublication(ctx, "chart", &acrhelm.ChartPublicationArgs{
			ChartPath:   pulumi.String("./charts/hello-acr"),
			LoginServer: pulumi.String("myregistry.azurecr.io"),
			Namespace:   pulumi.String("charts"),
			Credentials: &acrhelm.RegistryCredentialsArgs{
				Kind: acrhelm.CredentialsKindAzure,
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("ref", chart.Ref)
		ctx.Export("version", chart.Version)
		ctx.Export("digest", chart.Digest)
		return nil
	})
}
