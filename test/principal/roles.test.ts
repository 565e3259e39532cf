import * as assert from "assert";
import { acrRoleGuids, acrRoles, roleDefinitionId, roleDefinitionIdOutput } from "../../components/shared/roles";
import { installMocks, mockSubscriptionId, promiseOf } from "../support/mocks";

describe("registry role definitions", () => {
    it("uses the built-in AcrPull and AcrPush GUIDs", () => {
        assert.deepStrictEqual(acrRoleGuids, {
            AcrPull: "7f951dda-4ed3-4680-a7ca-43fe172d538d",
            AcrPush: "8311e382-0749-4cb8-b61a-304f252e45ec",
        });
        assert.deepStrictEqual([...acrRoles], ["AcrPull", "AcrPush"]);
    });

    it("builds a subscription-level role definition id", () => {
        assert.strictEqual(
            roleDefinitionId("11111111-2222-3333-4444-555555555555", "AcrPush"),
            "/subscriptions/11111111-2222-3333-4444-555555555555/providers/Microsoft.Authorization/roleDefinitions/8311e382-0749-4cb8-b61a-304f252e45ec",
        );
    });

    it("takes the subscription from the deploying client's config", async () => {
        const mocks = await installMocks();
        const id = await promiseOf(roleDefinitionIdOutput("AcrPull"));
        assert.strictEqual(
            id,
            `/subscriptions/${mockSubscriptionId}/providers/Microsoft.Authorization/roleDefinitions/7f951dda-4ed3-4680-a7ca-43fe172d538d`,
        );
        assert.deepStrictEqual(
            mocks.calls.map((c) => c.token),
            ["azure-native:authorization:getClientConfig"],
        );
    });
});
