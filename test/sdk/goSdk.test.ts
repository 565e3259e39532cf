import * as fs from "fs";
import * as path from "path";
import { SDK_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { GO_CHECK_ENV, run, tempDir, writeGoCheckModule } from "./sdkSupport";


/**
 * A program a Go user would write: a publication, and a release of it into a cluster through a Kubernetes provider;
 * and the Azure components: a registry, a push principal with a GitHub Actions login, a cluster attached to the
 * registry whose Kubernetes provider installs a second release, and a whole platform. The lists and maps those
 * components read while they are built are plain Go slices and maps, not inputs.
 */
const PROGRAM = `package main

import (
	"example.com/pulumi-acr-helm/sdk/go/acrhelm"
	akscluster "example.com/pulumi-acr-helm/sdk/go/acrhelm/cluster"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/platform"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/principal"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/registry"
	"example.com/pulumi-acr-helm/sdk/go/acrhelm/release"
	"github.com/pulumi/pulumi-kubernetes/sdk/v4/go/kubernetes"
	"github.com/pulumi/pulumi/sdk/v3/go/pulumi"
)

func main() {
	pulumi.Run(func(ctx *pulumi.Context) error {
		password := pulumi.ToSecret(pulumi.String("registry-password")).(pulumi.StringOutput)
		publication, err := acrhelm.NewChartPublication(ctx, "hello-acr", &acrhelm.ChartPublicationArgs{
			ChartPath:   pulumi.String("charts/hello-acr"),
			LoginServer: pulumi.String("myregistry.azurecr.io"),
			Namespace:   pulumi.String("charts"),
			Credentials: &acrhelm.RegistryCredentialsArgs{
				Username: pulumi.String("app-id"),
				Password: password,
			},
		})
		if err != nil {
			return err
		}
		cluster, err := kubernetes.NewProvider(ctx, "cluster", &kubernetes.ProviderArgs{
			Kubeconfig: pulumi.String("kubeconfig"),
		})
		if err != nil {
			return err
		}
		hello, err := release.NewChartRelease(ctx, "hello-acr", &release.ChartReleaseArgs{
			Provider: cluster,
			Chart:    publication.Ref,
			Version:  publication.Version,
			Digest:   publication.Digest,
			RegistryCredentials: &acrhelm.ChartRegistryCredentialsArgs{
				Username: pulumi.String("app-id"),
				Password: password,
			},
		}, pulumi.DependsOn([]pulumi.Resource{publication}))
		if err != nil {
			return err
		}
		ctx.Export("releaseName", hello.ReleaseName)

		acr, err := registry.NewContainerRegistry(ctx, "acr", &registry.ContainerRegistryArgs{
			ResourceGroupName: pulumi.String("rg-acr"),
			RegistryName:      "acrhelmgo",
			GeoReplications:   []string{"westeurope"},
			Webhooks: []acrhelm.RegistryWebhookArgs{
				{Name: "notify", ServiceUri: pulumi.String("https://example.com/hook"), Actions: []string{"push"}},
			},
		})
		if err != nil {
			return err
		}
		pusher, err := principal.NewAcrPushPrincipal(ctx, "ci", &principal.AcrPushPrincipalArgs{
			RegistryId:   acr.RegistryId,
			Repositories: []string{"charts/"},
			FederatedCredentials: []acrhelm.FederatedCredentialArgs{
				{Name: "main", Github: &acrhelm.GitHubActionsSubjectArgs{Repository: "org/app", Branch: pulumi.StringRef("main")}},
			},
		})
		if err != nil {
			return err
		}
		aks, err := akscluster.NewAksCluster(ctx, "aks", &akscluster.AksClusterArgs{
			ResourceGroupName: acr.ResourceGroupName,
			SystemNodePool:    &acrhelm.SystemNodePoolArgs{MinCount: pulumi.IntRef(1), MaxCount: pulumi.IntRef(3)},
			AttachedRegistries: map[string]acrhelm.AttachedRegistryInput{
				"charts": &acrhelm.AttachedRegistryArgs{RegistryId: acr.RegistryId, Repositories: []string{"charts/"}},
			},
		})
		if err != nil {
			return err
		}
		_, err = release.NewChartRelease(ctx, "on-aks", &release.ChartReleaseArgs{
			Provider: aks.Provider,
			Chart:    publication.Ref,
			Version:  publication.Version,
			RegistryCredentials: &acrhelm.ChartRegistryCredentialsArgs{
				Username: pusher.ClientId,
				Password: pusher.ClientSecret.Elem(),
			},
		})
		if err != nil {
			return err
		}
		demo, err := platform.NewAcrHelmPlatform(ctx, "demo", &platform.AcrHelmPlatformArgs{
			Registry: acrhelm.PlatformRegistryArgs{RegistryName: "acrhelmdemo"},
			Release: &acrhelm.PlatformReleaseArgs{
				ReleaseName: pulumi.StringRef("demo"),
				Values:      map[string]interface{}{"replicaCount": 2},
			},
		})
		if err != nil {
			return err
		}
		ctx.Export("kubeconfig", aks.Kubeconfig)
		ctx.Export("pushClientSecret", demo.PushClientSecret)
		return nil
	})
}
`;

// The Go SDK is proven to compile into a program, not to run one: no engine test drives a Go program here.
describe("Go SDK", function () {
    suiteDeadline(this, SDK_SUITE_LIMIT_MINUTES);
    // A cold Go build cache compiles the Pulumi and Kubernetes Go SDKs first: minutes on two cores.
    this.timeout(15 * 60_000);

    it("builds into a program that declares a ChartPublication, ChartReleases and the four Azure components", async function () {
        const work = tempDir("go-sdk");
        try {
            writeGoCheckModule(work.dir, "acrhelm.local/sdk-check");
            fs.writeFileSync(path.join(work.dir, "main.go"), PROGRAM);
            await run("go", ["build", "-trimpath", "-o", path.join(work.dir, "program"), "."], { cwd: work.dir, env: GO_CHECK_ENV });
        } finally {
            work.remove();
        }
    });
});
