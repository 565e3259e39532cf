import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { AcrPushPrincipal, passwordSchedule } from "../../components/principal";
import { installMocks, mockGuid, MockRecorder, mockPassword, mockSubscriptionId, mockTenantId, promiseOf } from "../support/mocks";

const applicationType = "azuread:index/application:Application";
const servicePrincipalType = "azuread:index/servicePrincipal:ServicePrincipal";
const passwordType = "azuread:index/applicationPassword:ApplicationPassword";
const roleAssignmentType = "azure-native:authorization:RoleAssignment";
const registryId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;
const roleDefinitions = `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions`;

describe("AcrPushPrincipal", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    async function create(name: string, args: ConstructorParameters<typeof AcrPushPrincipal>[1]): Promise<AcrPushPrincipal> {
        const principal = new AcrPushPrincipal(name, args);
        await promiseOf(principal.clientSecret);
        await mocks.settled();
        return principal;
    }

    describe("a CI pusher with only the registry id", () => {
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

        it("grants AcrPush on the registry only, to the service principal", () => {
            assert.deepStrictEqual(mocks.one(roleAssignmentType).inputs, {
                principalId: mockGuid("ci-sp/sp"),
                principalType: "ServicePrincipal",
                roleDefinitionId: `${roleDefinitions}/8311e382-0749-4cb8-b61a-304f252e45ec`,
                scope: registryId,
            });
        });

        it("exposes the credentials and identities", async () => {
            assert.strictEqual(await promiseOf(principal.clientId), mockGuid("ci-app/client"));
            assert.strictEqual(await promiseOf(principal.clientSecret), mockPassword("ci-password"));
            assert.strictEqual(await promiseOf(principal.tenantId), mockTenantId);
            assert.strictEqual(await promiseOf(principal.servicePrincipalObjectId), mockGuid("ci-sp/sp"));
        });
    });

    describe("a read-only consumer using every option", () => {
        const owners = ["00000000-0000-0000-0000-0000000000aa"];

        beforeEach(async () => {
            await create("reader", {
                registryId,
                displayName: "acr-helm reader",
                role: "AcrPull",
                owners,
                passwordRotationDays: 30,
                rotateWhenChanged: { generation: "2" },
            });
        });

        it("passes the display name and owners to the application and service principal", () => {
            assert.deepStrictEqual(mocks.one(applicationType).inputs, { displayName: "acr-helm reader", owners });
            assert.deepStrictEqual(mocks.one(servicePrincipalType).inputs, { clientId: mockGuid("reader-app/client"), owners });
        });

        it("rotates the password every period and on the caller's keys", () => {
            const expected = passwordSchedule(new Date(), { passwordRotationDays: 30 });
            assert.deepStrictEqual(mocks.one(passwordType).inputs, {
                applicationId: `/applications/${mockGuid("reader-app/object")}`,
                displayName: "acr-helm",
                endDate: expected.endDate,
                rotateWhenChanged: { generation: "2", ...expected.rotationKeys },
            });
        });

        it("grants AcrPull instead of AcrPush", () => {
            assert.strictEqual(
                mocks.one(roleAssignmentType).inputs.roleDefinitionId,
                `${roleDefinitions}/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
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
            assert.strictEqual(await pulumi.isSecret(principal.clientSecret), true);
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
    });
});
