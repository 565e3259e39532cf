import * as pulumi from "@pulumi/pulumi";
import { AcrHelmPlatform, AcrHelmPlatformArgs } from "../../components/platform";
import { promiseOf } from "../support/mocks";
import { captureOptions, ReleaseRecorder } from "../release/releaseMocks";

export const types = {
    resourceGroup: "azure-native:resources:ResourceGroup",
    registry: "azure-native:containerregistry/v20251101:Registry",
    replication: "azure-native:containerregistry:Replication",
    webhook: "azure-native:containerregistry:Webhook",
    cluster: "azure-native:containerservice:ManagedCluster",
    roleAssignment: "azure-native:authorization:RoleAssignment",
    application: "azuread:index/application:Application",
    servicePrincipal: "azuread:index/servicePrincipal:ServicePrincipal",
    password: "azuread:index/applicationPassword:ApplicationPassword",
    k8sProvider: "pulumi:providers:kubernetes",
    chartArtifact: "acr-helm:index:ChartPublication",
    chartDownload: "acr-helm:index:ChartDownload",
    releaseGuard: "acr-helm:index:ReleaseGuard",
    namespace: "kubernetes:core/v1:Namespace",
    helmRelease: "kubernetes:helm.sh/v3:Release",
} as const;

export const acrPullGuid = "7f951dda-4ed3-4680-a7ca-43fe172d538d";
export const acrPushGuid = "8311e382-0749-4cb8-b61a-304f252e45ec";
export const acrDeleteGuid = "c2f4ef07-c644-48eb-af81-4b1b4947fb11";
export const repositoryReaderGuid = "b93aa761-3e63-49ed-ac28-beffa264f7ac";
export const repositoryWriterGuid = "2a1e307c-b015-4ebd-883e-5b7698a07328";
export const repositoryContributorGuid = "2efddaa5-3f1f-4df3-97df-af3f13818f4c";

/**
 * The recording mocks plus the Helm release status and the chart download's path, and in preview mode the
 * chart publication's push results (ref, digest, version) left unknown, as the provider plugin leaves them until
 * the chart is in the registry (and with them the download's inputs, so its path stays unknown too).
 */
export class PlatformRecorder extends ReleaseRecorder {
    /** State each resource reported back to the program, by name. */
    readonly states = new Map<string, Record<string, unknown>>();

    constructor(private readonly previewing: boolean) {
        super("unused", previewing);
    }

    override newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: Record<string, unknown> } {
        const result = super.newResource(args);
        if (this.previewing && args.type === types.chartArtifact) {
            const planned = { ...result.state };
            delete planned.ref;
            delete planned.digest;
            delete planned.version;
            result.state = planned;
        }
        this.states.set(args.name, result.state);
        return result;
    }
}

export interface PlatformRun {
    mocks: PlatformRecorder;
    platform: AcrHelmPlatform;
    /** Resource options each resource was created with (dependsOn, provider), by name. */
    optionsOf: (name: string) => pulumi.CustomResourceOptions;
}

/** Creates a platform under recording mocks and waits until every child has registered. */
export async function runPlatform(
    name: string,
    args: AcrHelmPlatformArgs,
    options: { preview?: boolean; stack?: string } = {},
): Promise<PlatformRun> {
    const mocks = new PlatformRecorder(options.preview ?? false);
    await pulumi.runtime.setMocks(mocks, "acr-helm", options.stack ?? "test", options.preview ?? false);
    const capture = captureOptions();
    const platform = new AcrHelmPlatform(name, args, { transformations: [capture.transformation] });
    if (!options.preview) await promiseOf(platform.releaseStatus);
    await promiseOf(platform.loginServer);
    await mocks.settled();
    return { mocks, platform, optionsOf: capture.optionsOf };
}
