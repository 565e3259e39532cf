import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AksCluster } from "../../components/cluster";
import { repositoryCondition, repositoryDataActions } from "../../components/shared/repositoryCondition";
import { installMocks, MockRecorder, mockKubeconfig, mockKubeletObjectId, mockSubscriptionId, promiseOf } from "../support/mocks";

const clusterType = "azure-native:containerservice:ManagedCluster";
const roleAssignmentType = "azure-native:authorization:RoleAssignment";
const providerType = "pulumi:providers:kubernetes";
const credentialsCall = "azure-native:containerservice:listManagedClusterUserCredentials";
const roleDefinitions = `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions`;
const acrPullDefinition = `${roleDefinitions}/7f951dda-4ed3-4680-a7ca-43fe172d538d`;
const readerDefinition = `${roleDefinitions}/b93aa761-3e63-49ed-ac28-beffa264f7ac`;
const otherSubscription = "44444444-0000-0000-0000-000000000000";

function registryId(name: string, subscription = mockSubscriptionId): string {
    return `/subscriptions/${subscription}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/${name}`;
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
                attachedRegistries: {
                    apps: { registryId: registryId("acrone0001"), repositories: ["apps/", "base/nginx"] },
                    legacy: { registryId: registryId("acrtwo0002", otherSubscription), roleAssignmentMode: "LegacyRegistryPermissions" },
                },
                tags: { env: "prod" },
            });
        });

        it("creates one pull assignment per attached registry", () => {
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

        it("grants pull to the kubelet identity on each registry as its mode requires, role definitions from the registry's subscription", () => {
            assert.deepStrictEqual(
                mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs]),
                [
                    [
                        "prod-pull-apps",
                        {
                            principalId: mockKubeletObjectId("aks-prod"),
                            principalType: "ServicePrincipal",
                            roleDefinitionId: readerDefinition,
                            scope: registryId("acrone0001"),
                            condition: repositoryCondition(repositoryDataActions.read, ["apps/", "base/nginx"]),
                            conditionVersion: "2.0",
                        },
                    ],
                    [
                        "prod-pull-legacy",
                        {
                            principalId: mockKubeletObjectId("aks-prod"),
                            principalType: "ServicePrincipal",
                            roleDefinitionId: `/subscriptions/${otherSubscription}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
                            scope: registryId("acrtwo0002", otherSubscription),
                        },
                    ],
                ],
            );
        });
    });

    describe("attached registries keyed by name", () => {
        it("keep their assignments' names when the entries are reordered", async () => {
            const one = { registryId: registryId("acrone0001") };
            const two = { registryId: registryId("acrtwo0002") };
            await create("a", { resourceGroupName: "rg-aks", attachedRegistries: { one, two } });
            const first = mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs.scope]);
            mocks = await installMocks();
            await create("a", { resourceGroupName: "rg-aks", attachedRegistries: { two, one } });
            assert.deepStrictEqual(
                mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs.scope]),
                first,
            );
            assert.deepStrictEqual(first, [
                ["a-pull-one", registryId("acrone0001")],
                ["a-pull-two", registryId("acrtwo0002")],
            ]);
        });

        it("the deprecated positional list grants Repository Reader (ABAC mode) under the former names", async () => {
            await create("old", { resourceGroupName: "rg-aks", attachRegistryIds: [registryId("acrone0001")] });
            assert.deepStrictEqual(
                mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs.roleDefinitionId]),
                [["old-acrpull-0", readerDefinition]],
            );
        });

        it("rejects a malformed key and conditions on a legacy registry, both at once and before creating anything", () => {
            assert.throws(
                () =>
                    new AksCluster("bad", {
                        resourceGroupName: "rg-aks",
                        attachedRegistries: {
                            "Team A": { registryId: registryId("acrone0001") },
                            old: {
                                registryId: registryId("acrtwo0002"),
                                roleAssignmentMode: "LegacyRegistryPermissions",
                                repositories: ["apps/"],
                            },
                        },
                    }),
                {
                    name: "ValidationError",
                    message: [
                        "attachedRegistries.Team A: the key names the role assignment; use 1-40 lowercase letters, digits or '-' (got 'Team A')",
                        "attachedRegistries.old.repositories needs roleAssignmentMode 'AbacRepositoryPermissions'; a 'LegacyRegistryPermissions' registry grants roles on the whole registry only",
                    ].join("\n"),
                },
            );
            assert.strictEqual(mocks.resources.length, 0);
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
            await create("attach", {
                resourceGroupName: "rg-aks",
                attachedRegistries: { acr: { registryId: registryId("acrone0001"), roleAssignmentMode: "LegacyRegistryPermissions" } },
            });
            const assignment = mocks.one(roleAssignmentType);
            assert.strictEqual(assignment.inputs.roleDefinitionId, acrPullDefinition);
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
