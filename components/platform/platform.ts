import * as pulumi from "@pulumi/pulumi";
import * as resources from "@pulumi/azure-native/resources";
import { AksCluster } from "../cluster/cluster";
import { AcrPushPrincipal } from "../principal/principal";
import { ContainerRegistry } from "../registry/registry";
import { PublishedRelease, publishAndRelease } from "../release/publishAndRelease";
import { childName } from "../shared/naming";
import { defaultRoleAssignmentMode } from "../shared/permissionsMode";
import { AcrHelmPlatformArgs, platformDefaults, releaseValues } from "./args";
import { demoChartPath } from "./demoChart";
import { validateAcrHelmPlatformArgs } from "./validate";

/**
 * Azure Container Registry as a Helm chart registry, end to end: a registry, an AKS cluster whose kubelet
 * may pull from it, a service principal that may push to its chart namespace (and nothing else), a chart published to it
 * as an OCI artifact with that principal's credentials, and a release of the chart pulled from it.
 */
export class AcrHelmPlatform extends pulumi.ComponentResource {
    /** Resource group holding the registry and the cluster. */
    public readonly resourceGroupName: pulumi.Output<string>;
    /** Registry host, e.g. `myregistry.azurecr.io`. */
    public readonly loginServer: pulumi.Output<string>;
    /** Azure resource id of the registry. */
    public readonly registryId: pulumi.Output<string>;
    /** Name of the managed cluster. */
    public readonly clusterName: pulumi.Output<string>;
    /** User kubeconfig of the cluster (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** Client id of the push principal; the username for `helm registry login`, the client id for a federated CI login. */
    public readonly pushClientId: pulumi.Output<string>;
    /** Newer password of the push principal (secret). */
    public readonly pushClientSecret: pulumi.Output<string>;
    /** `oci://<login server>/<repository>/<chart>` of the published chart. */
    public readonly chartRef: pulumi.Output<string>;
    /** Published chart version; known once the chart is in the registry. */
    public readonly chartVersion: pulumi.Output<string>;
    /** Digest of the packaged chart (.tgz). */
    public readonly chartDigest: pulumi.Output<string>;
    /** Helm status of the release, e.g. `deployed`. */
    public readonly releaseStatus: pulumi.Output<string>;
    /** Namespace the release is installed in. */
    public readonly releaseNamespace: pulumi.Output<string>;

    constructor(name: string, args: AcrHelmPlatformArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAcrHelmPlatformArgs(args);
        super("acr-helm:platform:AcrHelmPlatform", name, {}, opts);

        const resourceGroupName = this.resourceGroup(name, args);
        const roleAssignmentMode = args.registry.roleAssignmentMode ?? defaultRoleAssignmentMode;
        const chartNamespace = chartNamespaceOf(args);
        const registry = new ContainerRegistry(
            childName(name, "registry"),
            // Set explicitly, so that no caller-supplied field turns on shared-password or anonymous access.
            {
                ...args.registry,
                adminUserEnabled: false,
                anonymousPullEnabled: false,
                resourceGroupName,
                location: args.location,
                tags: args.tags,
            },
            { parent: this },
        );
        const cluster = new AksCluster(
            childName(name, "cluster"),
            {
                ...args.cluster,
                resourceGroupName,
                location: args.location,
                attachedRegistries: { registry: { registryId: registry.registryId, roleAssignmentMode } },
                tags: args.tags,
            },
            { parent: this },
        );
        const pusher = new AcrPushPrincipal(
            childName(name, "push"),
            {
                ...args.principal,
                registryId: registry.registryId,
                roleAssignmentMode,
                access: "push",
                // Only the chart namespace in ABAC mode; a legacy registry takes no repository conditions.
                repositories: roleAssignmentMode === "AbacRepositoryPermissions" ? [`${chartNamespace}/`] : undefined,
                lockVersions: true,
                deleteVersions: args.chart?.deleteFromRegistryOnDestroy ?? false,
                createClientSecret: true,
            },
            { parent: this },
        );
        const { publication, release } = this.publishAndRelease(name, args, { cluster, pusher, loginServer: registry.loginServer });

        this.resourceGroupName = resourceGroupName;
        this.loginServer = registry.loginServer;
        this.registryId = registry.registryId;
        this.clusterName = cluster.clusterName;
        this.kubeconfig = pulumi.secret(cluster.kubeconfig);
        this.pushClientId = pusher.clientId;
        this.pushClientSecret = pulumi.secret(pushSecretOf(pusher));
        this.chartRef = publication.ref;
        this.chartVersion = publication.version;
        this.chartDigest = publication.chartDigest;
        this.releaseStatus = release.status;
        this.releaseNamespace = release.namespace;
        this.registerOutputs({
            resourceGroupName: this.resourceGroupName,
            loginServer: this.loginServer,
            registryId: this.registryId,
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            pushClientId: this.pushClientId,
            pushClientSecret: this.pushClientSecret,
            chartRef: this.chartRef,
            chartVersion: this.chartVersion,
            chartDigest: this.chartDigest,
            releaseStatus: this.releaseStatus,
            releaseNamespace: this.releaseNamespace,
        });
    }

    /** The given existing group, or a new one. */
    private resourceGroup(name: string, args: AcrHelmPlatformArgs): pulumi.Output<string> {
        if (args.resourceGroupName !== undefined) return pulumi.output(args.resourceGroupName);
        const group = new resources.ResourceGroup(childName(name, "rg"), { location: args.location, tags: args.tags }, { parent: this });
        return group.name;
    }

    /** The chart, pushed with the push principal's credentials and installed from the registry with them. */
    private publishAndRelease(
        name: string,
        args: AcrHelmPlatformArgs,
        from: { cluster: AksCluster; pusher: AcrPushPrincipal; loginServer: pulumi.Output<string> },
    ): PublishedRelease {
        const release = args.release ?? {};
        return publishAndRelease(
            { publication: childName(name, "chart"), release: childName(name, "release") },
            {
                chart: {
                    ...args.chart,
                    chartPath: args.chart?.chartPath ?? demoChartPath(),
                    namespace: chartNamespaceOf(args),
                    repository: undefined,
                    loginServer: from.loginServer,
                    credentials: { username: from.pusher.clientId, password: pushSecretOf(from.pusher) },
                },
                release: {
                    provider: from.cluster.provider,
                    namespace: release.namespace ?? platformDefaults.namespace,
                    releaseName: release.releaseName ?? platformDefaults.releaseName,
                    podSecurity: release.podSecurity,
                    values: releaseValues(release, from.loginServer),
                    timeout: release.timeout,
                    skipAwait: release.skipAwait,
                    kubeconfig: from.cluster.kubeconfig,
                    recoverPendingRelease: release.recoverPendingRelease,
                },
            },
            { parent: this },
        );
    }
}

/** Namespace the chart is published under: `chart.namespace`, its deprecated name, or the default. */
function chartNamespaceOf(args: AcrHelmPlatformArgs): string {
    return args.chart?.namespace ?? args.chart?.repository ?? platformDefaults.chartNamespace;
}

/** The platform always creates the push principal with a client secret. */
function pushSecretOf(pusher: AcrPushPrincipal): pulumi.Output<string> {
    if (pusher.clientSecret === undefined) throw new Error("the platform's push principal was created without a client secret");
    return pusher.clientSecret;
}
