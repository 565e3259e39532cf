import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "../../components/cluster";
import { installMocks, MockRecorder, mockKubeconfig, mockKubeletObjectId, mockSubscriptionId, promiseOf } from "../support/mocks";

const clusterType = "azure-native:containerservice:ManagedCluster";
const roleAssignmentType = "azure-native:authorization:RoleAssignment";
const providerType = "pulumi:providers:kubernetes";
const credentialsCall = "azure-native:containerservice:listManagedClusterUserCredentials";
const acrPullDefinition = `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`;

function registryId(name: string): string {
    return `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${name}`;
}

describe("AksCluster", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    async function create(name: string, args: ConstructorParameters<typeof AksCluster>[1]): Promise<AksCluster> {
        const cluster = new AksCluster(name, args);
        await promiseOf(cluster.kubeconfig);
        await mocks.settled();
        return cluster;
    }

    describe("a cluster with only the required inputs", () => {
        let cluster: AksCluster;

        beforeEach(async () => {
            cluster = await create("dev", { resourceGroupName: "rg-aks" });
        });

        it("creates the managed cluster and its Kubernetes provider, and no role assignment", () => {
            assert.deepStrictEqual(mocks.countsByType(), { [clusterType]: 1, [providerType]: 1 });
        });

        it("sends the managed cluster the default inputs", () => {
            assert.deepStrictEqual(mocks.one(clusterType).inputs, {
                resourceGroupName: "rg-aks",
                dnsPrefix: "dev",
                identity: { type: "SystemAssigned" },
                enableRBAC: true,
                oidcIssuerProfile: { enabled: true },
                agentPoolProfiles: [
                    { name: "system", mode: "System", osType: "Linux", vmSize: "Standard_D2s_v5", count: 1, enableAutoScaling: false },
                ],
            });
        });

        it("builds the Kubernetes provider from the decoded user kubeconfig", () => {
            const provider = mocks.one(providerType);
            assert.strictEqual(provider.name, "dev-k8s");
            assert.strictEqual(provider.inputs.kubeconfig, mockKubeconfig("dev-aks0001"));
            assert.deepStrictEqual(provider.secretPaths, ["kubeconfig"]);
        });

        it("reads the user credentials of this cluster", () => {
            const calls = mocks.calls.filter((c) => c.token === credentialsCall);
            assert.deepStrictEqual(
                calls.map((c) => c.inputs),
                [{ resourceGroupName: "rg-aks", resourceName: "dev-aks0001" }],
            );
        });

        it("exposes the cluster name, kubeconfig and kubelet identity", async () => {
            assert.strictEqual(await promiseOf(cluster.clusterName), "dev-aks0001");
            assert.strictEqual(await promiseOf(cluster.kubeconfig), mockKubeconfig("dev-aks0001"));
            assert.strictEqual(await promiseOf(cluster.kubeletObjectId), mockKubeletObjectId("dev-aks0001"));
        });
    });

    describe("a cluster using every option", () => {
        beforeEach(async () => {
            await create("prod", {
                resourceGroupName: "rg-aks",
                location: "westeurope",
                clusterName: "aks-prod",
                dnsPrefix: "acrhelm-prod",
                kubernetesVersion: "1.33",
                systemNodePool: { name: "sys", vmSize: "Standard_D4s_v5", count: 3, minCount: 2, maxCount: 5 },
                attachRegistryIds: [registryId("acrone0001"), registryId("acrtwo0002")],
                tags: { env: "prod" },
            });
        });

        it("creates one AcrPull assignment per attached registry", () => {
            assert.deepStrictEqual(mocks.countsByType(), { [clusterType]: 1, [providerType]: 1, [roleAssignmentType]: 2 });
        });

        it("sends the managed cluster every option", () => {
            assert.deepStrictEqual(mocks.one(clusterType).inputs, {
                resourceGroupName: "rg-aks",
                resourceName: "aks-prod",
                location: "westeurope",
                dnsPrefix: "acrhelm-prod",
                kubernetesVersion: "1.33",
                identity: { type: "SystemAssigned" },
                enableRBAC: true,
                oidcIssuerProfile: { enabled: true },
                agentPoolProfiles: [
                    {
                        name: "sys",
                        mode: "System",
                        osType: "Linux",
                        vmSize: "Standard_D4s_v5",
                        count: 3,
                        enableAutoScaling: true,
                        minCount: 2,
                        maxCount: 5,
                    },
                ],
                tags: { env: "prod" },
            });
        });

        it("grants AcrPull to the kubelet identity on each registry, as --attach-acr does", () => {
            assert.deepStrictEqual(
                mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs]),
                [
                    ["prod-acrpull-0", registryId("acrone0001")],
                    ["prod-acrpull-1", registryId("acrtwo0002")],
                ].map(([name, scope]) => [
                    name,
                    {
                        principalId: mockKubeletObjectId("aks-prod"),
                        principalType: "ServicePrincipal",
                        roleDefinitionId: acrPullDefinition,
                        scope,
                    },
                ]),
            );
        });
    });

    describe("secure defaults", () => {
        it("turns on RBAC, the OIDC issuer and a system-assigned identity", async () => {
            await create("secure", { resourceGroupName: "rg-aks" });
            const inputs = mocks.one(clusterType).inputs;
            assert.strictEqual(inputs.enableRBAC, true);
            assert.deepStrictEqual(inputs.oidcIssuerProfile, { enabled: true });
            assert.deepStrictEqual(inputs.identity, { type: "SystemAssigned" });
        });

        it("returns the kubeconfig as a secret", async () => {
            const cluster = await create("secure", { resourceGroupName: "rg-aks" });
            assert.strictEqual(await pulumi.isSecret(cluster.kubeconfig), true);
        });

        it("grants the kubelet identity pull, not push, on the registry", async () => {
            await create("attach", { resourceGroupName: "rg-aks", attachRegistryIds: [registryId("acrone0001")] });
            const assignment = mocks.one(roleAssignmentType);
            assert.ok(assignment.inputs.roleDefinitionId.endsWith("/7f951dda-4ed3-4680-a7ca-43fe172d538d"));
            assert.strictEqual(assignment.inputs.scope, registryId("acrone0001"));
        });

        it("rejects invalid autoscaling bounds before creating anything", () => {
            assert.throws(() => new AksCluster("bad", { resourceGroupName: "rg-aks", systemNodePool: { minCount: 3, maxCount: 2 } }), {
                name: "ValidationError",
                message: "systemNodePool.minCount (3) must not exceed systemNodePool.maxCount (2)",
            });
            assert.strictEqual(mocks.resources.length, 0);
        });
    });
});
