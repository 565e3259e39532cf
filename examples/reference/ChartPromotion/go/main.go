package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/chart"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		promotion, err := chart.NewChartPromotion(ctx, "promotion", &chart.ChartPromotionArgs{
			Chart:   pulumi.String("hello-acr"),
			Version: pulumi.String("0.1.0"),
			Digest:  pulumi.String("sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"),
			Source: &acrhelm.PromotionEndpointArgs{
				LoginServer: pulumi.String("devregistry.azurecr.io"),
				Namespace:   pulumi.String("charts"),
				Credentials: &acrhelm.RegistryCredentialsArgs{
					Kind: acrhelm.CredentialsKindAzure,
				},
			},
			Destination: &acrhelm.PromotionEndpointArgs{
				LoginServer: pulumi.String("prodregistry.azurecr.io"),
				Namespace:   pulumi.String("charts"),
				Credentials: &acrhelm.RegistryCredentialsArgs{
					Kind: acrhelm.CredentialsKindAzure,
				},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("ref", promotion.Ref)
		return nil
	})
}
