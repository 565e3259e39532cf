import * as pulumi from "@pulumi/pulumi";
import * as containerservice from "@pulumi/azure-native/containerservice";
import { Provider as KubernetesProvider } from "@pulumi/kubernetes/provider";
import { childName } from "../shared/naming";
import { defaultRoleAssignmentMode } from "../shared/permissionsMode";
import { registryGrants } from "../shared/registryGrants";
import { assignRegistryRoles } from "../shared/registryRoleAssignments";
import { AksClusterArgs, AttachedRegistryArgs } from "./args";
import { kubeletObjectIdOf } from "./identity";
import { decodeUserKubeconfig } from "./kubeconfig";
import { defaultDnsPrefix, systemAgentPoolProfile } from "./nodePool";
import { validateAksClusterArgs } from "./validate";

/**
 * An AKS cluster with a system-assigned identity, RBAC and the OIDC issuer on,
 * whose kubelet identity may pull from the attached registries.
 */
export class AksCluster extends pulumi.ComponentResource {
    /** Name of the managed cluster resource. */
    public readonly clusterName: pulumi.Output<string>;
    /** User kubeconfig of the cluster (secret). */
    public readonly kubeconfig: pulumi.Output<string>;
    /** Kubernetes provider that deploys into this cluster. */
    public readonly provider: KubernetesProvider;
    /** Object id of the kubelet managed identity (the principal holding AcrPull). */
    public readonly kubeletObjectId: pulumi.Output<string>;
    /** URL of the cluster's OIDC issuer, which workload identities federate with. */
    public readonly oidcIssuerUrl: pulumi.Output<string>;

    constructor(name: string, args: AksClusterArgs, opts?: pulumi.ComponentResourceOptions) {
        validateAksClusterArgs(args);
        super("acr-helm:cluster:AksCluster", name, {}, opts);

        const cluster = new containerservice.ManagedCluster(
            childName(name, "aks"),
            {
                resourceGroupName: args.resourceGroupName,
                resourceName: args.clusterName,
                location: args.location,
                dnsPrefix: args.dnsPrefix ?? defaultDnsPrefix(name),
                kubernetesVersion: args.kubernetesVersion,
                identity: { type: "SystemAssigned" },
                enableRBAC: true,
                oidcIssuerProfile: { enabled: true },
                agentPoolProfiles: [systemAgentPoolProfile(args.systemNodePool)],
                tags: args.tags,
            },
            { parent: this },
        );

        this.clusterName = cluster.name;
        this.kubeletObjectId = pulumi
            .all([cluster.name, cluster.identityProfile])
            .apply(([clusterName, profile]) => kubeletObjectIdOf(clusterName, profile));
        this.kubeconfig = pulumi.secret(this.userKubeconfig(cluster, args.resourceGroupName));
        this.oidcIssuerUrl = cluster.oidcIssuerProfile.apply((profile) => profile?.issuerURL ?? "");
        this.provider = new KubernetesProvider(childName(name, "k8s"), { kubeconfig: this.kubeconfig }, { parent: this });
        this.attachRegistries(name, args);

        this.registerOutputs({
            clusterName: this.clusterName,
            kubeconfig: this.kubeconfig,
            provider: this.provider,
            kubeletObjectId: this.kubeletObjectId,
            oidcIssuerUrl: this.oidcIssuerUrl,
        });
    }

    private userKubeconfig(cluster: containerservice.ManagedCluster, resourceGroupName: pulumi.Input<string>): pulumi.Output<string> {
        const credentials = containerservice.listManagedClusterUserCredentialsOutput(
            { resourceGroupName, resourceName: cluster.name },
            { parent: this },
        );
        return pulumi
            .all([cluster.name, credentials.kubeconfigs])
            .apply(([clusterName, kubeconfigs]) => decodeUserKubeconfig(clusterName, kubeconfigs));
    }

    /** Same grant as `az aks update --attach-acr`: pull access for the kubelet identity on each registry. */
    private attachRegistries(name: string, args: AksClusterArgs): void {
        const attach = (suffix: string, registry: AttachedRegistryArgs, formerSuffix?: string): void => {
            const pull = { write: false, lock: false, delete: false, listCatalog: false, repositories: [...(registry.repositories ?? [])] };
            const grants = registryGrants(registry.roleAssignmentMode ?? defaultRoleAssignmentMode, pull);
            assignRegistryRoles(
                {
                    namePrefix: name,
                    principalId: this.kubeletObjectId,
                    registryId: registry.registryId,
                    parent: this,
                    formerNames: formerSuffix !== undefined ? { [suffix]: childName(name, formerSuffix) } : undefined,
                },
                grants.map((grant) => ({ ...grant, suffix })),
            );
        };
        // An entry takes over the assignment the positional list gave the same position, so moving from
        // attachRegistryIds to attachedRegistries (as AcrHelmPlatform did) renames it instead of replacing it.
        Object.entries(args.attachedRegistries ?? {}).forEach(([key, registry], index) =>
            attach(`pull-${key}`, registry, `acrpull-${index}`),
        );
        (args.attachRegistryIds ?? []).forEach((registryId, index) => attach(`acrpull-${index}`, { registryId }));
    }
}
