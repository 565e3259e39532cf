import * as assert from "assert";
import { ContainerRegistryArgs, validateContainerRegistryArgs } from "../../components/registry";
import { isIpv4OrCidr } from "../../components/registry/validate";

const base: ContainerRegistryArgs = { resourceGroupName: "rg", registryName: "acrhelmtest" };

function rejects(overrides: Partial<ContainerRegistryArgs>, property: string, message: string): void {
    assert.throws(
        () => validateContainerRegistryArgs({ ...base, ...overrides } as ContainerRegistryArgs),
        (err: unknown) => {
            assert.ok(err instanceof Error);
            assert.strictEqual(err.name, "ValidationError");
            assert.strictEqual((err as { property?: string }).property, property);
            assert.strictEqual(err.message, message);
            return true;
        },
    );
}

describe("validateContainerRegistryArgs", () => {
    it("rejects an unknown role assignment permissions mode", () => {
        rejects(
            { roleAssignmentMode: "rbac-abac" as never },
            "roleAssignmentMode",
            "roleAssignmentMode must be one of AbacRepositoryPermissions, LegacyRegistryPermissions (got 'rbac-abac')",
        );
    });

    it("accepts the required inputs alone", () => {
        assert.doesNotThrow(() => validateContainerRegistryArgs(base));
    });

    describe("registry names", () => {
        for (const bad of ["acr", "acr-helm-test", "acr.helm", "a".repeat(51), ""]) {
            it(`rejects '${bad}'`, () => {
                rejects(
                    { registryName: bad },
                    "registryName",
                    `registryName must be 5-50 letters and digits, no hyphens or dots (got '${bad}')`,
                );
            });
        }
        it("accepts 5 and 50 alphanumerics", () => {
            assert.doesNotThrow(() => validateContainerRegistryArgs({ ...base, registryName: "Acr01" }));
            assert.doesNotThrow(() => validateContainerRegistryArgs({ ...base, registryName: "a".repeat(50) }));
        });
    });

    it("rejects an unknown sku", () => {
        rejects({ sku: "Classic" as never }, "sku", "sku must be one of Basic, Standard, Premium (got 'Classic')");
    });

    describe("Premium-only options on a lower sku name the option and the sku", () => {
        const cases: [Partial<ContainerRegistryArgs>, string, string][] = [
            [{ geoReplications: ["northeurope"] }, "geoReplications", "geoReplications"],
            [{ zoneRedundancy: true }, "zoneRedundancy", "zoneRedundancy"],
            [{ untaggedRetentionDays: 7 }, "untaggedRetentionDays", "untaggedRetentionDays"],
            [{ networkDefaultAction: "Deny" }, "networkDefaultAction", "networkDefaultAction 'Deny'"],
            [{ networkDefaultAction: "Deny", ipAllowList: ["203.0.113.1"] }, "networkDefaultAction", "networkDefaultAction 'Deny'"],
            [{ publicNetworkAccess: false }, "publicNetworkAccess", "publicNetworkAccess false"],
        ];
        for (const [overrides, property, label] of cases) {
            for (const sku of ["Basic", "Standard"] as const) {
                it(`${label} on ${sku}`, () => {
                    rejects(
                        { ...overrides, sku },
                        property,
                        `${label} requires sku 'Premium' (got '${sku}'); set sku: "Premium" or remove the option`,
                    );
                });
            }
            it(`${label} on Premium is accepted`, () => {
                assert.doesNotThrow(() => validateContainerRegistryArgs({ ...base, ...overrides, sku: "Premium" }));
            });
        }
        it("defaults the sku to Standard in the message", () => {
            rejects(
                { zoneRedundancy: true },
                "zoneRedundancy",
                `zoneRedundancy requires sku 'Premium' (got 'Standard'); set sku: "Premium" or remove the option`,
            );
        });
    });

    it("rejects anonymous pull on Basic", () => {
        rejects(
            { sku: "Basic", anonymousPullEnabled: true },
            "anonymousPullEnabled",
            "anonymousPullEnabled requires sku 'Standard' or 'Premium' (got 'Basic')",
        );
    });

    describe("geo-replications", () => {
        const premium = { sku: "Premium" as const };
        it("rejects a location that is not a lowercase location name", () => {
            rejects(
                { ...premium, geoReplications: ["North Europe"] },
                "geoReplications",
                "geoReplications entries must be Azure location names in lowercase letters and digits, e.g. 'northeurope' (got 'North Europe')",
            );
        });
        it("rejects a duplicate location", () => {
            rejects(
                { ...premium, geoReplications: ["northeurope", "northeurope"] },
                "geoReplications",
                "geoReplications lists 'northeurope' twice; list each location once",
            );
        });
        it("rejects the registry's own location", () => {
            rejects(
                { ...premium, location: "westeurope", geoReplications: ["westeurope"] },
                "geoReplications",
                "geoReplications must not contain the registry's own location 'westeurope'; Azure replicates there already",
            );
        });
    });

    it("rejects retention outside 0-365 days", () => {
        for (const days of [-1, 366, 1.5]) {
            rejects(
                { sku: "Premium", untaggedRetentionDays: days },
                "untaggedRetentionDays",
                `untaggedRetentionDays must be a whole number from 0 to 365 (got ${days})`,
            );
        }
    });

    describe("network rules", () => {
        it("rejects an allow list without the Deny default action", () => {
            rejects(
                { sku: "Premium", ipAllowList: ["203.0.113.1"] },
                "ipAllowList",
                "ipAllowList only takes effect with networkDefaultAction 'Deny'; set networkDefaultAction: \"Deny\"",
            );
        });
        it("rejects an entry that is not IPv4 or CIDR", () => {
            rejects(
                { sku: "Premium", networkDefaultAction: "Deny", ipAllowList: ["2001:db8::/32"] },
                "ipAllowList",
                "ipAllowList entries must be IPv4 addresses or CIDR ranges such as 203.0.113.0/24 (got '2001:db8::/32')",
            );
        });
        it("knows IPv4 addresses and CIDR ranges", () => {
            assert.deepStrictEqual(["10.0.0.0/8", "203.0.113.7", "256.1.1.1", "10.0.0.0/33", "10.0.0", "a.b.c.d"].map(isIpv4OrCidr), [
                true,
                true,
                false,
                false,
                false,
                false,
            ]);
        });
    });

    describe("webhooks", () => {
        const hook = { name: "cihook", serviceUri: "https://ci.example.com/hook", actions: ["push" as const] };
        it("rejects more webhooks than the sku allows", () => {
            const hooks = ["hookone", "hooktwo", "hookthree"].map((name) => ({ ...hook, name }));
            rejects(
                { sku: "Basic", webhooks: hooks },
                "webhooks",
                "sku 'Basic' allows at most 2 webhooks (got 3); remove some or choose a higher sku",
            );
        });
        it("rejects an invalid webhook name", () => {
            rejects(
                { webhooks: [{ ...hook, name: "ci-hook" }] },
                "webhooks.name",
                "webhook name must be 5-50 letters and digits (got 'ci-hook')",
            );
        });
        it("rejects a duplicate webhook name", () => {
            rejects({ webhooks: [hook, hook] }, "webhooks", "webhook name 'cihook' is used twice; give each webhook its own name");
        });
        it("rejects a webhook without actions", () => {
            rejects(
                { webhooks: [{ ...hook, actions: [] }] },
                "webhooks.actions",
                `webhook 'cihook' needs at least one action, e.g. ["push"]`,
            );
        });
        it("rejects an unknown action", () => {
            rejects(
                { webhooks: [{ ...hook, actions: ["pull" as never] }] },
                "webhooks.actions",
                "webhook 'cihook' has unknown action 'pull'; use push, delete, quarantine, chart_push, chart_delete",
            );
        });
        it("rejects a service URI that is not http(s) without echoing it", () => {
            rejects(
                { webhooks: [{ ...hook, serviceUri: "ftp://secret-token@ci" }] },
                "webhooks.serviceUri",
                "webhook 'cihook' serviceUri must be an absolute http(s) URL",
            );
        });
    });
});
