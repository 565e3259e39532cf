import * as assert from "assert";
import { AcrPushPrincipalArgs, passwordPlan, validateAcrPushPrincipalArgs } from "../../components/principal";

const registryId = "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrhelmtest";
const base: AcrPushPrincipalArgs = { registryId };

function rejects(overrides: Partial<AcrPushPrincipalArgs>, property: string, message: string): void {
    assert.throws(
        () => validateAcrPushPrincipalArgs({ ...base, ...overrides }),
        (err: unknown) => {
            assert.ok(err instanceof Error);
            assert.strictEqual(err.name, "ValidationError");
            assert.strictEqual((err as { property?: string }).property, property);
            assert.strictEqual(err.message, message);
            return true;
        },
    );
}

describe("validateAcrPushPrincipalArgs", () => {
    it("accepts the registry id alone", () => {
        assert.doesNotThrow(() => validateAcrPushPrincipalArgs(base));
    });

    it("rejects an unknown role", () => {
        rejects({ role: "Owner" as never }, "role", "role must be one of AcrPull, AcrPush (got 'Owner')");
    });

    it("rejects an empty or overlong display name", () => {
        for (const displayName of ["  ", "x".repeat(121)]) {
            rejects({ displayName }, "displayName", "displayName must be 1-120 characters; omit it to use the component name");
        }
    });

    it("rejects an end date together with a rotation period", () => {
        rejects(
            { passwordEndDate: "2027-01-01T00:00:00Z", passwordRotationDays: 30 },
            "passwordEndDate",
            "set either passwordEndDate or passwordRotationDays, not both; rotation computes the end date itself",
        );
    });

    it("rejects an end date that is not RFC 3339", () => {
        rejects(
            { passwordEndDate: "2027-01-01" },
            "passwordEndDate",
            "passwordEndDate must be an RFC 3339 time such as 2027-01-31T00:00:00Z (got '2027-01-01')",
        );
    });

    it("rejects a rotation period outside 1-365 days", () => {
        for (const days of [0, 366, 2.5]) {
            rejects(
                { passwordRotationDays: days },
                "passwordRotationDays",
                `passwordRotationDays must be a whole number from 1 to 365 (got ${days})`,
            );
        }
    });

    it("rejects a legacy role on an ABAC registry, naming the ABAC role for the same access", () => {
        rejects(
            { role: "AcrPull" },
            "role",
            "role 'AcrPull' is not honoured by a registry in 'AbacRepositoryPermissions' mode; use access: 'pull' " +
                "(assigns Container Registry Repository Reader), or set roleAssignmentMode: 'LegacyRegistryPermissions' for a legacy registry",
        );
    });

    it("rejects an unknown permissions mode", () => {
        rejects(
            { roleAssignmentMode: "Abac" as never },
            "roleAssignmentMode",
            "roleAssignmentMode must be one of AbacRepositoryPermissions, LegacyRegistryPermissions (got 'Abac')",
        );
    });

    it("rejects repository conditions on a legacy registry and malformed repository names", () => {
        rejects(
            { roleAssignmentMode: "LegacyRegistryPermissions", repositories: ["charts/"] },
            "repositories",
            "repositories needs roleAssignmentMode 'AbacRepositoryPermissions'; a 'LegacyRegistryPermissions' registry grants roles on the whole registry only",
        );
        rejects(
            { repositories: ["Charts/*"] },
            "repositories",
            "repositories entries must be repository names such as 'charts/app' or prefixes ending in '/' such as 'charts/' (got 'Charts/*')",
        );
    });

    it("rejects lock or delete rights for a pull-only principal", () => {
        rejects(
            { access: "pull", deleteVersions: true },
            "deleteVersions",
            "deleteVersions needs push access; a pull-only principal cannot change the registry (remove deleteVersions or set access: 'push')",
        );
    });

    it("rejects a principal that could not log in at all", () => {
        rejects(
            { createClientSecret: false },
            "createClientSecret",
            "createClientSecret is false and no federatedCredentials are given, so nothing could log in; add a federated credential or create the secret",
        );
    });

    it("reports every failure at once, each with its property", () => {
        assert.throws(
            () => validateAcrPushPrincipalArgs({ ...base, role: "AcrPush", repositories: ["x y"], passwordRotationDays: 0 }),
            (err: unknown) => {
                assert.deepStrictEqual(
                    (err as { failures: { property: string }[] }).failures.map((f) => f.property),
                    ["role", "passwordRotationDays"],
                );
                return true;
            },
        );
    });

    it("rejects the reserved rotation key", () => {
        rejects(
            { rotateWhenChanged: { rotationPeriodStart: "x" } },
            "rotateWhenChanged",
            "rotateWhenChanged must not use the key 'rotationPeriodStart'; it is reserved for passwordRotationDays",
        );
    });
});

describe("passwordPlan", () => {
    it("keeps one password with the provider's or the given lifetime without rotation", () => {
        assert.deepStrictEqual(passwordPlan(new Date("2026-05-01T00:00:00Z"), {}), {
            slots: [{ suffix: "password", endDate: undefined, rotationKeys: {} }],
            newest: 0,
        });
        assert.deepStrictEqual(passwordPlan(new Date(), { passwordEndDate: "2027-01-31T00:00:00Z" }).slots, [
            { suffix: "password", endDate: "2027-01-31T00:00:00Z", rotationKeys: {} },
        ]);
    });

    it("in an even period: the first password renewed at its start, the second from the period before, both two periods long", () => {
        // Day 20580 after the epoch (2026-05-07) is period 2058 of 10 days: even.
        const plan = passwordPlan(new Date("2026-05-07T00:00:00Z"), { passwordRotationDays: 10 });
        assert.deepStrictEqual(plan, {
            slots: [
                {
                    suffix: "password",
                    endDate: "2026-05-27T00:00:00.000Z",
                    rotationKeys: { rotationPeriodStart: "2026-05-07T00:00:00.000Z" },
                },
                {
                    suffix: "password-b",
                    endDate: "2026-05-17T00:00:00.000Z",
                    rotationKeys: { rotationPeriodStart: "2026-04-27T00:00:00.000Z" },
                },
            ],
            newest: 0,
        });
        assert.deepStrictEqual(passwordPlan(new Date("2026-05-16T23:59:59Z"), { passwordRotationDays: 10 }), plan);
    });

    it("in the next (odd) period: only the second password's key changes, and it becomes the newer", () => {
        const plan = passwordPlan(new Date("2026-05-17T00:00:00Z"), { passwordRotationDays: 10 });
        assert.deepStrictEqual(plan, {
            slots: [
                {
                    suffix: "password",
                    endDate: "2026-05-27T00:00:00.000Z",
                    rotationKeys: { rotationPeriodStart: "2026-05-07T00:00:00.000Z" },
                },
                {
                    suffix: "password-b",
                    endDate: "2026-06-06T00:00:00.000Z",
                    rotationKeys: { rotationPeriodStart: "2026-05-17T00:00:00.000Z" },
                },
            ],
            newest: 1,
        });
    });
});
