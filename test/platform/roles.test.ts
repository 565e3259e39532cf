import * as assert from "assert";
import { repositoryCondition, repositoryDataActions } from "../../components/shared/repositoryCondition";
import { mockGuid, mockKubeletObjectId, mockSubscriptionId } from "../support/mocks";
import {
    acrDeleteGuid,
    acrPullGuid,
    acrPushGuid,
    PlatformRun,
    repositoryContributorGuid,
    repositoryReaderGuid,
    repositoryWriterGuid,
    runPlatform,
    types,
} from "./platformMocks";

const roleDefinitions = `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions`;

/** Every role assignment as [name, principal, role GUID, scope, condition], sorted by name. */
function assignments(run: PlatformRun): [string, string, string, string, string | undefined][] {
    return run.mocks
        .ofType(types.roleAssignment)
        .map((r) => [
            r.name,
            r.inputs.principalId,
            String(r.inputs.roleDefinitionId).replace(`${roleDefinitions}/`, ""),
            r.inputs.scope,
            r.inputs.condition,
        ]);
}

describe("AcrHelmPlatform role assignments per permissions mode", function () {
    this.timeout(60000);

    it("ABAC (default): the registry in ABAC mode, Reader for the kubelet, Writer on the chart namespace for the pusher", async () => {
        const run = await runPlatform("abac", { registry: { registryName: "acrhelmabac01" }, chart: { namespace: "charts" } });
        const registryId = run.mocks.one(types.registry).id;
        assert.strictEqual(run.mocks.one(types.registry).inputs.roleAssignmentMode, "AbacRepositoryPermissions");
        assert.deepStrictEqual(assignments(run), [
            ["abac-cluster-pull-registry", mockKubeletObjectId("abac-cluster-aks0001"), repositoryReaderGuid, registryId, undefined],
            [
                "abac-push-role",
                mockGuid("abac-push-sp/sp"),
                repositoryWriterGuid,
                registryId,
                repositoryCondition(repositoryDataActions.write, ["charts/"]),
            ],
        ]);
        assert.deepStrictEqual(
            run.mocks.ofType(types.roleAssignment).map((r) => r.inputs.conditionVersion),
            [undefined, "2.0"],
        );
    });

    it("ABAC with deletion on destroy: Repository Contributor instead of Writer", async () => {
        const run = await runPlatform("abacdel", {
            registry: { registryName: "acrhelmabac02" },
            chart: { deleteFromRegistryOnDestroy: true },
        });
        const push = assignments(run).find(([name]) => name === "abacdel-push-role");
        assert.deepStrictEqual(push?.slice(2), [
            repositoryContributorGuid,
            run.mocks.one(types.registry).id,
            repositoryCondition(repositoryDataActions.delete, ["helm/"]),
        ]);
    });

    it("legacy: AcrPull for the kubelet (keeping its former name as an alias), AcrPush, Writer for the lock, AcrDelete", async () => {
        const run = await runPlatform("old", {
            registry: { registryName: "acrhelmold001", roleAssignmentMode: "LegacyRegistryPermissions" },
            chart: { deleteFromRegistryOnDestroy: true },
        });
        const registryId = run.mocks.one(types.registry).id;
        const pusher = mockGuid("old-push-sp/sp");
        assert.strictEqual(run.mocks.one(types.registry).inputs.roleAssignmentMode, "LegacyRegistryPermissions");
        assert.deepStrictEqual(assignments(run), [
            ["old-cluster-pull-registry", mockKubeletObjectId("old-cluster-aks0001"), acrPullGuid, registryId, undefined],
            ["old-push-role", pusher, acrPushGuid, registryId, undefined],
            ["old-push-role-delete", pusher, acrDeleteGuid, registryId, undefined],
            ["old-push-role-metadata", pusher, repositoryWriterGuid, registryId, undefined],
        ]);
        assert.deepStrictEqual(run.optionsOf("old-cluster-pull-registry").aliases?.[0], { name: "old-cluster-acrpull-0" });
    });

    it("gives the pusher federated CI logins beside the client secret it publishes with", async () => {
        const run = await runPlatform("fed", {
            registry: { registryName: "acrhelmfed001" },
            principal: { federatedCredentials: [{ name: "main", github: { repository: "contoso/charts", branch: "main" } }] },
        });
        assert.strictEqual(run.mocks.ofType(types.password).length, 1);
        assert.deepStrictEqual(
            run.mocks
                .ofType("azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential")
                .map((r) => r.inputs.subject),
            ["repo:contoso/charts:ref:refs/heads/main"],
        );
    });
});
