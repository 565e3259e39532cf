package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/release"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi/config"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		cfg := config.New(ctx, "")
		kubeconfig := cfg.Require("kubeconfig")
		cluster, err := kubernetes.NewProvider(ctx, "cluster", &kubernetes.ProviderArgs{
			Kubeconfig: pulumi.String(kubeconfig),
		})
		if err != nil {
			return err
		}
		release2, err := release.NewChartRelease(ctx, "release", &release.ChartReleaseArgs{
			Provider: cluster,
			Chart:    pulumi.String("oci://myregistry.azurecr.io/charts/hello-acr"),
			Version:  pulumi.String("0.1.0"),
			Digest:   pulumi.String("sha256:4f3c8d2a9b1e7f6c5d4e3a2b1c0d9e8f7a6b5c4d3e2f1a0b9c8d7e6f5a4b3c2d"),
			RegistryCredentials: &acrhelm.ChartRegistryCredentialsArgs{
				Kind: acrhelm.ChartCredentialsKindAzure,
			},
			Namespace: "hello",
			Values: pulumi.Map{
				"replicaCount": pulumi.Any(2),
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("status", release2.Status)
		return nil
	})
}
