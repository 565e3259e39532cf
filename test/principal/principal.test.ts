import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AcrPushPrincipal, passwordPlan } from "../../components/principal";
import { repositoryCondition, repositoryDataActions } from "../../components/shared/repositoryCondition";
import { installMocks, mockGuid, MockRecorder, mockPassword, mockSubscriptionId, mockTenantId, promiseOf } from "../support/mocks";

const applicationType = "azuread:index/application:Application";
const servicePrincipalType = "azuread:index/servicePrincipal:ServicePrincipal";
const passwordType = "azuread:index/applicationPassword:ApplicationPassword";
const roleAssignmentType = "azure-native:authorization:RoleAssignment";
const registryId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;
const roleDefinitions = `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions`;
const writerGuid = "2a1e307c-b015-4ebd-883e-5b7698a07328";
const readerGuid = "b93aa761-3e63-49ed-ac28-beffa264f7ac";

describe("AcrPushPrincipal", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    async function create(name: string, args: ConstructorParameters<typeof AcrPushPrincipal>[1]): Promise<AcrPushPrincipal> {
        const principal = new AcrPushPrincipal(name, args);
        await promiseOf(principal.clientId);
        await mocks.settled();
        return principal;
    }

    /** Role assignments as [name, inputs], sorted by name. */
    function assignments(): [string, Record<string, unknown>][] {
        return mocks.ofType(roleAssignmentType).map((r) => [r.name, r.inputs]);
    }

    describe("a CI pusher with only the registry id (ABAC registry, the default)", () => {
        let principal: AcrPushPrincipal;

        beforeEach(async () => {
            principal = await create("ci", { registryId });
        });

        it("creates the application, service principal, password and one role assignment", () => {
            assert.deepStrictEqual(mocks.countsByType(), {
                [applicationType]: 1,
                [servicePrincipalType]: 1,
                [passwordType]: 1,
                [roleAssignmentType]: 1,
            });
        });

        it("names the application after the component and links the service principal to it", () => {
            assert.deepStrictEqual(mocks.one(applicationType).inputs, { displayName: "ci" });
            assert.deepStrictEqual(mocks.one(servicePrincipalType).inputs, { clientId: mockGuid("ci-app/client") });
        });

        it("creates a password on the application with the provider's default lifetime", () => {
            assert.deepStrictEqual(mocks.one(passwordType).inputs, {
                applicationId: `/applications/${mockGuid("ci-app/object")}`,
                displayName: "acr-helm",
            });
        });

        it("grants Container Registry Repository Writer on the registry only, unconditioned, to the service principal", () => {
            assert.deepStrictEqual(assignments(), [
                [
                    "ci-role",
                    {
                        principalId: mockGuid("ci-sp/sp"),
                        principalType: "ServicePrincipal",
                        roleDefinitionId: `${roleDefinitions}/${writerGuid}`,
                        scope: registryId,
                    },
                ],
            ]);
        });

        it("exposes the credentials and identities", async () => {
            assert.strictEqual(await promiseOf(principal.clientId), mockGuid("ci-app/client"));
            assert.strictEqual(await promiseOf(principal.clientSecret as pulumi.Output<string>), mockPassword("ci-password"));
            assert.strictEqual(await promiseOf(principal.tenantId), mockTenantId);
            assert.strictEqual(await promiseOf(principal.servicePrincipalObjectId), mockGuid("ci-sp/sp"));
        });
    });

    describe("roles per mode", () => {
        it("ABAC: a pusher limited to charts/ gets Writer with the documented condition, plus Catalog Lister when listing", async () => {
            await create("charts", { registryId, repositories: ["charts/"], listCatalog: true });
            assert.deepStrictEqual(assignments(), [
                [
                    "charts-role",
                    {
                        principalId: mockGuid("charts-sp/sp"),
                        principalType: "ServicePrincipal",
                        roleDefinitionId: `${roleDefinitions}/${writerGuid}`,
                        scope: registryId,
                        condition: repositoryCondition(repositoryDataActions.write, ["charts/"]),
                        conditionVersion: "2.0",
                    },
                ],
                [
                    "charts-role-catalog",
                    {
                        principalId: mockGuid("charts-sp/sp"),
                        principalType: "ServicePrincipal",
                        roleDefinitionId: `${roleDefinitions}/bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7`,
                        scope: registryId,
                    },
                ],
            ]);
        });

        it("ABAC: a reader of one repository gets Repository Reader with its condition", async () => {
            await create("reader", { registryId, access: "pull", repositories: ["charts/app"] });
            assert.deepStrictEqual(assignments(), [
                [
                    "reader-role",
                    {
                        principalId: mockGuid("reader-sp/sp"),
                        principalType: "ServicePrincipal",
                        roleDefinitionId: `${roleDefinitions}/${readerGuid}`,
                        scope: registryId,
                        condition: repositoryCondition(repositoryDataActions.read, ["charts/app"]),
                        conditionVersion: "2.0",
                    },
                ],
            ]);
        });

        it("legacy: AcrPush, Repository Writer for the version lock's metadata write, and AcrDelete", async () => {
            await create("old", { registryId, roleAssignmentMode: "LegacyRegistryPermissions", deleteVersions: true });
            assert.deepStrictEqual(
                assignments().map(([name, inputs]) => [name, inputs.roleDefinitionId, inputs.condition]),
                [
                    ["old-role", `${roleDefinitions}/8311e382-0749-4cb8-b61a-304f252e45ec`, undefined],
                    ["old-role-delete", `${roleDefinitions}/c2f4ef07-c644-48eb-af81-4b1b4947fb11`, undefined],
                    ["old-role-metadata", `${roleDefinitions}/${writerGuid}`, undefined],
                ],
            );
        });

        it("legacy: the deprecated role AcrPull grants AcrPull alone", async () => {
            await create("oldreader", { registryId, roleAssignmentMode: "LegacyRegistryPermissions", role: "AcrPull" });
            assert.deepStrictEqual(
                assignments().map(([name, inputs]) => [name, inputs.roleDefinitionId]),
                [["oldreader-role", `${roleDefinitions}/7f951dda-4ed3-4680-a7ca-43fe172d538d`]],
            );
        });

        it("legacy without the lock: AcrPush alone", async () => {
            await create("nolock", { registryId, roleAssignmentMode: "LegacyRegistryPermissions", lockVersions: false });
            assert.deepStrictEqual(
                assignments().map(([name, inputs]) => [name, inputs.roleDefinitionId]),
                [["nolock-role", `${roleDefinitions}/8311e382-0749-4cb8-b61a-304f252e45ec`]],
            );
        });

        it("resolves role definitions in the registry's own subscription", async () => {
            const otherSubscription = "33333333-0000-0000-0000-000000000000";
            const otherRegistry = `/subscriptions/${otherSubscription}/resourceGroups/rg-shared/providers/Microsoft.ContainerRegistry/registries/acrshared01`;
            await create("cross", { registryId: otherRegistry });
            const [[, inputs]] = assignments();
            assert.strictEqual(
                inputs.roleDefinitionId,
                `/subscriptions/${otherSubscription}/providers/Microsoft.Authorization/roleDefinitions/${writerGuid}`,
            );
            assert.strictEqual(inputs.scope, otherRegistry);
            assert.deepStrictEqual(mocks.calls, []);
        });
    });

    describe("a read-only consumer using every password option", () => {
        const owners = ["00000000-0000-0000-0000-0000000000aa"];
        const now = new Date("2026-05-01T12:00:00Z");

        beforeEach(async () => {
            await create("reader", {
                registryId,
                displayName: "acr-helm reader",
                access: "pull",
                owners,
                passwordRotationDays: 30,
                rotateWhenChanged: { generation: "2" },
                clock: () => now,
            });
        });

        it("passes the display name and owners to the application and service principal", () => {
            assert.deepStrictEqual(mocks.one(applicationType).inputs, { displayName: "acr-helm reader", owners });
            assert.deepStrictEqual(mocks.one(servicePrincipalType).inputs, { clientId: mockGuid("reader-app/client"), owners });
        });

        it("keeps two passwords on the rotation schedule and the caller's keys", () => {
            const plan = passwordPlan(now, { passwordRotationDays: 30 });
            assert.deepStrictEqual(
                mocks.ofType(passwordType).map((p) => [p.name, p.inputs]),
                plan.slots.map((slot) => [
                    `reader-${slot.suffix}`,
                    {
                        applicationId: `/applications/${mockGuid("reader-app/object")}`,
                        displayName: "acr-helm",
                        endDate: slot.endDate,
                        rotateWhenChanged: { generation: "2", ...slot.rotationKeys },
                    },
                ]),
            );
        });
    });

    it("passes a fixed password end date through", async () => {
        await create("fixed", { registryId, passwordEndDate: "2027-01-31T00:00:00Z" });
        assert.strictEqual(mocks.one(passwordType).inputs.endDate, "2027-01-31T00:00:00Z");
        assert.strictEqual(mocks.one(passwordType).inputs.rotateWhenChanged, undefined);
    });

    describe("secure defaults", () => {
        it("returns the client secret as a secret", async () => {
            const principal = await create("ci", { registryId });
            assert.strictEqual(await pulumi.isSecret(principal.clientSecret as pulumi.Output<string>), true);
        });

        it("scopes the role assignment to the registry id, not its resource group or subscription", async () => {
            await create("ci", { registryId });
            const scope = mocks.one(roleAssignmentType).inputs.scope;
            assert.strictEqual(scope, registryId);
            assert.match(scope, /\/providers\/Microsoft\.ContainerRegistry\/registries\/acrhelmtest$/);
        });

        it("rejects a resource group scope before creating anything", () => {
            const groupId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr`;
            assert.throws(() => new AcrPushPrincipal("wide", { registryId: groupId }), {
                name: "ValidationError",
                message: `registryId must be a registry resource id (/subscriptions/<id>/resourceGroups/<rg>/providers/Microsoft.ContainerRegistry/registries/<name>), got '${groupId}'`,
            });
            assert.strictEqual(mocks.resources.length, 0);
        });

        it("rejects a legacy role on an ABAC registry, naming the role to use, before creating anything", () => {
            assert.throws(() => new AcrPushPrincipal("old", { registryId, role: "AcrPush" }), {
                name: "ValidationError",
                message:
                    "role 'AcrPush' is not honoured by a registry in 'AbacRepositoryPermissions' mode; use access: 'push' " +
                    "(assigns Container Registry Repository Writer), or set roleAssignmentMode: 'LegacyRegistryPermissions' for a legacy registry",
            });
            assert.strictEqual(mocks.resources.length, 0);
        });
    });
});
