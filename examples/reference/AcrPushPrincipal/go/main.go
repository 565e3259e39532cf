package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/principal"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		registryId := cfg.Require("registryId")
		pusher, err := principal.NewAcrPushPrincipal(ctx, "pusher", &principal.AcrPushPrincipalArgs{
			RegistryId: pulumi.String(registryId),
			Repositories: []string{
				"charts/*",
			},
			FederatedCredentials: []acrhelm.FederatedCredentialArgs{
				{
					Name: "main-branch",
					Github: {
						Repository: "my-org/platform-charts",
						Branch:     "main",
					},
				},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("clientId", pusher.ClientId)
		return nil
	})
}
