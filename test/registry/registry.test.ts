import * as assert from "assert";
import { ContainerRegistry } from "../../components/registry";
import { captureOptions } from "../release/releaseMocks";
import { installMocks, MockRecorder, mockSubscriptionId, promiseOf } from "../support/mocks";

const registryType = "azure-native:containerregistry/v20251101:Registry";
const replicationType = "azure-native:containerregistry:Replication";
const webhookType = "azure-native:containerregistry:Webhook";
const diagnosticsType = "azure-native:monitor:DiagnosticSetting";
const registryId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;
const workspaceId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-ops/providers/Microsoft.OperationalInsights/workspaces/ops`;

describe("ContainerRegistry", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    describe("a team creating a registry with only the required inputs", () => {
        let registry: ContainerRegistry;

        beforeEach(async () => {
            registry = new ContainerRegistry("acr", { resourceGroupName: "rg-acr", registryName: "acrhelmtest" });
            await promiseOf(registry.registryId);
            await mocks.settled();
        });

        it("creates exactly one registry and no optional children", () => {
            assert.deepStrictEqual(mocks.countsByType(), { [registryType]: 1 });
            assert.deepStrictEqual(
                mocks.resources.map((r) => [r.type, r.name]),
                [
                    ["acr-helm:registry:ContainerRegistry", "acr"],
                    [registryType, "acr-registry"],
                ],
            );
        });

        it("sends the registry the default inputs", () => {
            assert.deepStrictEqual(mocks.one(registryType).inputs, {
                resourceGroupName: "rg-acr",
                registryName: "acrhelmtest",
                sku: { name: "Standard" },
                adminUserEnabled: false,
                anonymousPullEnabled: false,
                zoneRedundancy: "Disabled",
                publicNetworkAccess: "Enabled",
                networkRuleBypassOptions: "AzureServices",
                roleAssignmentMode: "AbacRepositoryPermissions",
            });
        });

        it("exposes the registry's name, id, login server and resource group", async () => {
            assert.strictEqual(await promiseOf(registry.registryName), "acrhelmtest");
            assert.strictEqual(await promiseOf(registry.registryId), registryId);
            assert.strictEqual(await promiseOf(registry.loginServer), "acrhelmtest.azurecr.io");
            assert.strictEqual(await promiseOf(registry.resourceGroupName), "rg-acr");
            assert.strictEqual(await promiseOf(registry.roleAssignmentMode), "AbacRepositoryPermissions");
        });
    });

    describe("a production registry using every option", () => {
        let registry: ContainerRegistry;

        beforeEach(async () => {
            registry = new ContainerRegistry("prod", {
                resourceGroupName: "rg-acr",
                registryName: "acrhelmtest",
                location: "westeurope",
                sku: "Premium",
                roleAssignmentMode: "LegacyRegistryPermissions",
                adminUserEnabled: true,
                anonymousPullEnabled: true,
                geoReplications: ["northeurope", "swedencentral"],
                zoneRedundancy: true,
                untaggedRetentionDays: 7,
                networkDefaultAction: "Deny",
                ipAllowList: ["203.0.113.0/24", "198.51.100.7"],
                publicNetworkAccess: true,
                webhooks: [
                    { name: "cihook", serviceUri: "https://ci.example.com/hook?token=abc", actions: ["push", "delete"], scope: "helm/*" },
                    { name: "audithook", serviceUri: "https://audit.example.com/acr", actions: ["chart_push"], enabled: false },
                ],
                diagnostics: { logAnalyticsWorkspaceId: workspaceId, name: "to-ops" },
                tags: { env: "prod" },
            });
            await promiseOf(registry.registryId);
            await mocks.settled();
        });

        it("creates the registry, one replica per location, each webhook and the diagnostic setting", () => {
            assert.deepStrictEqual(mocks.countsByType(), {
                [registryType]: 1,
                [replicationType]: 2,
                [webhookType]: 2,
                [diagnosticsType]: 1,
            });
        });

        it("sends the registry every option", () => {
            assert.deepStrictEqual(mocks.one(registryType).inputs, {
                resourceGroupName: "rg-acr",
                registryName: "acrhelmtest",
                location: "westeurope",
                sku: { name: "Premium" },
                adminUserEnabled: true,
                anonymousPullEnabled: true,
                zoneRedundancy: "Enabled",
                publicNetworkAccess: "Enabled",
                networkRuleBypassOptions: "AzureServices",
                roleAssignmentMode: "LegacyRegistryPermissions",
                networkRuleSet: {
                    defaultAction: "Deny",
                    ipRules: [
                        { action: "Allow", iPAddressOrRange: "203.0.113.0/24" },
                        { action: "Allow", iPAddressOrRange: "198.51.100.7" },
                    ],
                },
                policies: { retentionPolicy: { status: "enabled", days: 7 } },
                tags: { env: "prod" },
            });
        });

        it("creates a zone-redundant replica named after each location", () => {
            const replicas = mocks.ofType(replicationType);
            assert.deepStrictEqual(
                replicas.map((r) => [r.name, r.inputs]),
                ["northeurope", "swedencentral"].map((location) => [
                    `prod-replica-${location}`,
                    {
                        registryName: "acrhelmtest",
                        resourceGroupName: "rg-acr",
                        replicationName: location,
                        location,
                        zoneRedundancy: "Enabled",
                        regionEndpointEnabled: true,
                        tags: { env: "prod" },
                    },
                ]),
            );
        });

        it("creates each webhook in the registry's location with its actions, scope and status", () => {
            const webhooks = mocks.ofType(webhookType);
            assert.deepStrictEqual(
                webhooks.map((w) => [w.name, w.inputs]),
                [
                    [
                        "prod-webhook-audithook",
                        {
                            registryName: "acrhelmtest",
                            resourceGroupName: "rg-acr",
                            webhookName: "audithook",
                            actions: ["chart_push"],
                            status: "disabled",
                            serviceUri: "https://audit.example.com/acr",
                            location: "westeurope",
                            tags: { env: "prod" },
                        },
                    ],
                    [
                        "prod-webhook-cihook",
                        {
                            registryName: "acrhelmtest",
                            resourceGroupName: "rg-acr",
                            webhookName: "cihook",
                            actions: ["push", "delete"],
                            status: "enabled",
                            scope: "helm/*",
                            serviceUri: "https://ci.example.com/hook?token=abc",
                            location: "westeurope",
                            tags: { env: "prod" },
                        },
                    ],
                ],
            );
        });

        it("sends all logs and metrics of the registry to the workspace", () => {
            assert.deepStrictEqual(mocks.one(diagnosticsType).inputs, {
                name: "to-ops",
                resourceUri: registryId,
                workspaceId,
                logs: [{ categoryGroup: "allLogs", enabled: true }],
                metrics: [{ category: "AllMetrics", enabled: true }],
            });
        });

        it("parents every child to the component", () => {
            const children = mocks.resources.filter((r) => r.custom);
            assert.ok(
                children.every((r) => r.name.startsWith("prod-")),
                children.map((r) => r.name).join(", "),
            );
        });
    });

    describe("the registry resource at API 2025-11-01", () => {
        it("is registered under the 2025-11-01 token at the SDK's provider version, aliased to the default-version type so existing stacks update it", async () => {
            const capture = captureOptions();
            const registry = new ContainerRegistry(
                "acr",
                { resourceGroupName: "rg-acr", registryName: "acrhelmtest" },
                { transformations: [capture.transformation] },
            );
            await promiseOf(registry.registryId);
            assert.strictEqual(mocks.one(registryType).name, "acr-registry");
            const options = capture.optionsOf("acr-registry");
            assert.deepStrictEqual(options.aliases, [{ type: "azure-native:containerregistry:Registry" }]);
            assert.strictEqual(options.version, "3.28.0");
        });
    });

    describe("secure defaults", () => {
        it("keeps the admin user, anonymous pull and network rules off unless asked", async () => {
            const registry = new ContainerRegistry("secure", { resourceGroupName: "rg-acr", registryName: "acrsecure01", sku: "Premium" });
            await promiseOf(registry.registryId);
            const inputs = mocks.one(registryType).inputs;
            assert.strictEqual(inputs.adminUserEnabled, false);
            assert.strictEqual(inputs.anonymousPullEnabled, false);
            assert.strictEqual(inputs.networkRuleSet, undefined);
            assert.strictEqual(inputs.policies, undefined);
        });

        it("stores webhook service URIs as secrets", async () => {
            const secretHook = new ContainerRegistry("hooks", {
                resourceGroupName: "rg-acr",
                registryName: "acrhooks01",
                webhooks: [{ name: "cihook", serviceUri: "https://ci.example.com/hook?token=abc", actions: ["push"] }],
            });
            await promiseOf(secretHook.registryId);
            await mocks.settled();
            assert.deepStrictEqual(mocks.one(webhookType).secretPaths, ["serviceUri"]);
        });

        it("rejects a Premium-only option on Standard before creating anything", () => {
            assert.throws(
                () =>
                    new ContainerRegistry("bad", {
                        resourceGroupName: "rg-acr",
                        registryName: "acrbad0001",
                        geoReplications: ["northeurope"],
                    }),
                { name: "ValidationError", message: /^geoReplications requires sku 'Premium' \(got 'Standard'\)/ },
            );
            assert.strictEqual(mocks.resources.length, 0);
        });
    });
});
