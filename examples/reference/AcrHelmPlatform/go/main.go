package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/platform"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		platform2, err := platform.NewAcrHelmPlatform(ctx, "platform", &platform.AcrHelmPlatformArgs{
			Location: "westeurope",
			Registry: acrhelm.PlatformRegistryArgs{
				RegistryName: "platformcharts",
			},
			Chart: *acrhelm.PlatformChartArgs{
				ChartPath: "./charts/hello-acr",
				Namespace: "charts",
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("loginServer", platform2.LoginServer)
		return nil
	})
}
