import * as assert from "assert";
import { registrySettings, webhookSettings } from "../../components/registry/properties";

describe("registry settings", () => {
    it("applies the secure defaults", () => {
        assert.deepStrictEqual(registrySettings({ resourceGroupName: "rg", registryName: "acrhelmtest" }), {
            sku: { name: "Standard" },
            adminUserEnabled: false,
            anonymousPullEnabled: false,
            zoneRedundancy: "Disabled",
            publicNetworkAccess: "Enabled",
            networkRuleBypassOptions: "AzureServices",
            roleAssignmentMode: "AbacRepositoryPermissions",
        });
    });

    it("passes the legacy permissions mode through when asked", () => {
        const settings = registrySettings({
            resourceGroupName: "rg",
            registryName: "acrhelmtest",
            roleAssignmentMode: "LegacyRegistryPermissions",
        });
        assert.strictEqual(settings.roleAssignmentMode, "LegacyRegistryPermissions");
    });

    it("converts the network, retention and redundancy options to the registry's shapes", () => {
        const settings = registrySettings({
            resourceGroupName: "rg",
            registryName: "acrhelmtest",
            sku: "Premium",
            zoneRedundancy: true,
            publicNetworkAccess: false,
            networkDefaultAction: "Deny",
            ipAllowList: ["203.0.113.0/24"],
            untaggedRetentionDays: 0,
        });
        assert.strictEqual(settings.zoneRedundancy, "Enabled");
        assert.strictEqual(settings.publicNetworkAccess, "Disabled");
        assert.deepStrictEqual(settings.networkRuleSet, {
            defaultAction: "Deny",
            ipRules: [{ action: "Allow", iPAddressOrRange: "203.0.113.0/24" }],
        });
        assert.deepStrictEqual(settings.policies, { retentionPolicy: { status: "enabled", days: 0 } });
    });

    it("sends a network rule set only to a Premium registry", () => {
        const allow = { resourceGroupName: "rg", registryName: "acrhelmtest", networkDefaultAction: "Allow" as const };
        assert.strictEqual(registrySettings({ ...allow, sku: "Standard" }).networkRuleSet, undefined);
        assert.deepStrictEqual(registrySettings({ ...allow, sku: "Premium" }).networkRuleSet, { defaultAction: "Allow", ipRules: [] });
    });

    it("enables webhooks unless told otherwise and omits an absent scope", () => {
        const hook = { name: "cihook", serviceUri: "https://ci.example.com", actions: ["push" as const] };
        assert.deepStrictEqual(webhookSettings(hook), { webhookName: "cihook", actions: ["push"], status: "enabled" });
        assert.deepStrictEqual(webhookSettings({ ...hook, enabled: false, scope: "app:*" }), {
            webhookName: "cihook",
            actions: ["push"],
            status: "disabled",
            scope: "app:*",
        });
    });
});
