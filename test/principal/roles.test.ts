import * as assert from "assert";
import { registryRoleDefinitionId, registryRoleGuids, roleDefinitionId, subscriptionOf } from "../../components/shared/roles";
import { installMocks, mockSubscriptionId, promiseOf } from "../support/mocks";

describe("registry role definitions", () => {
    it("uses the GUIDs of Microsoft's built-in roles reference", () => {
        assert.deepStrictEqual(registryRoleGuids, {
            AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
            AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
            AcrDelete: "c2f4ef07-c644-48eb-af81-4b1b4947fb11",
            "Container Registry Repository Reader": "b93aa761-3e63-49ed-ac28-beffa264f7ac",
            "Container Registry Repository Writer": "2a1e307c-b015-4ebd-883e-5b7698a07328",
            "Container Registry Repository Contributor": "2efddaa5-3f1f-4df3-97df-af3f13818f4c",
            "Container Registry Repository Catalog Lister": "bfdb9389-c9a5-478a-bb2f-ba9ca092c3c7",
        });
    });

    it("builds a subscription-level role definition id", () => {
        assert.strictEqual(
            roleDefinitionId("11111111-2222-3333-4444-555555555555", "AcrPush"),
            "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec",
        );
    });

    it("reads the subscription from a registry id, and refuses an id without one", () => {
        assert.strictEqual(
            subscriptionOf("/subscriptions/abc/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/r1234"),
            "abc",
        );
        assert.throws(() => subscriptionOf("/resourceGroups/rg"), /cannot read the subscription from resource id '\/resourceGroups\/rg'/);
    });

    it("takes the subscription from the registry id, not from the deploying client's config", async () => {
        const mocks = await installMocks();
        const otherSubscription = "22222222-0000-0000-0000-000000000000";
        const registryId = `/subscriptions/${otherSubscription}/resourceGroups/rg/providers/Microsoft.ContainerRegistry/registries/acrshared01`;
        const id = await promiseOf(registryRoleDefinitionId(registryId, "Container Registry Repository Reader"));
        assert.strictEqual(
            id,
            `/subscriptions/${otherSubscription}/providers/Microsoft.Authorization/roleDefinitions/b93aa761-3e63-49ed-ac28-beffa264f7ac`,
        );
        assert.notStrictEqual(otherSubscription, mockSubscriptionId);
        assert.deepStrictEqual(mocks.calls, []);
    });
});
