import * as assert from "assert";
import type { TokenCredential } from "@azure/core-auth";
import { azureCredentialSource } from "../../chart/distribution/acr/azureCredential";
import { RegistryClient } from "../../chart/distribution/client";
import { AzureCredentials } from "../../chart/distribution/auth/credentials";
import { OciError } from "../../chart/distribution/errors";
import { pullChart } from "../../chart/helmOci/pull";
import { pushChart } from "../../chart/helmOci/push";
import { AcrStandIn, startAcrStandIn } from "../../scripts/local/acrRegistry";
import { IssuerUser } from "../../scripts/local/tokenIssuer";
import { makeChart } from "../chart/oci/chartFixtures";
import { entraCredential } from "../support/azureClientOptions";

const PUSHER_OID = "5f607182-93a4-b5c6-d7e8-f90a1b2c3d4e";
const users: Record<string, IssuerUser> = {
    pusher: { password: "pusher-Secret-pa55", actions: ["pull", "push", "metadata_read", "metadata_write"] },
};

/*
 * Credentials { kind: "azure" } against the ACR stand-in. The TokenCredential is a fake that signs Entra-like
 * tokens with the stand-in's test tenant (no Azure is reached); DefaultAzureCredential is what runs outside tests.
 */
describe('credentials { kind: "azure" }: an Entra token from the environment\'s identity, exchanged and renewed', function () {
    this.timeout(60_000);
    let acr: AcrStandIn;
    const created: AzureCredentials[] = [];
    const scopesAsked: string[][] = [];
    let credential: TokenCredential;
    const originalCreate = azureCredentialSource.create;
    const clients: RegistryClient[] = [];

    before(async () => {
        acr = await startAcrStandIn({ users, aadPrincipals: { [PUSHER_OID]: "pusher" } });
        azureCredentialSource.create = (credentials) => {
            created.push(credentials);
            return credential;
        };
    });
    beforeEach(() => {
        created.length = 0;
        scopesAsked.length = 0;
        credential = entraCredential(acr.issuer, PUSHER_OID, scopesAsked);
    });
    after(async () => {
        azureCredentialSource.create = originalCreate;
        clients.forEach((client) => client.close());
        await acr?.stop();
    });

    function azureClient(credentials: AzureCredentials = { kind: "azure" }): RegistryClient {
        const client = new RegistryClient({ registry: acr.host, caCert: acr.caCertPem, credentials });
        clients.push(client);
        return client;
    }
    const exchanges = () => acr.issuer.requests.filter((request) => request.path === "/oauth2/exchange").length;

    it("pushes, locks and pulls with a token asked for the ACR audience, exchanged once", async () => {
        const client = azureClient({ kind: "azure", tenantId: "11111111-2222-3333-4444-555555555555" });
        const before = exchanges();
        const chart = await makeChart("azure", "1.0.0");
        const pushed = await pushChart({ registry: acr.host, client, chart, repository: "team/azure", lockAfterPush: true });
        const pulled = await pullChart({ registry: acr.host, client, repository: "team/azure", version: "1.0.0" });
        assert.ok(pulled.archive.equals(chart.archive));
        assert.strictEqual(pushed.locked, true);
        assert.deepStrictEqual(created, [{ kind: "azure", tenantId: "11111111-2222-3333-4444-555555555555" }]);
        assert.deepStrictEqual(scopesAsked, [["https://containerregistry.azure.net/.default"]]);
        assert.strictEqual(exchanges() - before, 1);
        assert.strictEqual(client.identity, "the Azure identity (@azure/identity)");
    });

    it("asks the identity for a new Entra token when the exchanged refresh token has expired", async () => {
        acr.issuer.refreshTokenTtlSeconds = 2;
        acr.issuer.tokenTtlSeconds = 1;
        try {
            const client = azureClient();
            const chart = await makeChart("renewed", "1.0.0");
            await pushChart({ registry: acr.host, client, chart, repository: "team/renewed", lockAfterPush: false });
            assert.strictEqual(scopesAsked.length, 1);
            await new Promise((resolve) => setTimeout(resolve, 2200));
            const pulled = await pullChart({ registry: acr.host, client, repository: "team/renewed", version: "1.0.0" });
            assert.ok(pulled.archive.equals(chart.archive));
            assert.strictEqual(scopesAsked.length, 2);
        } finally {
            acr.issuer.refreshTokenTtlSeconds = 3 * 60 * 60;
            acr.issuer.tokenTtlSeconds = 300;
        }
    });

    it("names the missing identity and how to provide one when the credential chain has no token", async () => {
        credential = {
            getToken: () =>
                Promise.reject(
                    Object.assign(new Error("EnvironmentCredential is unavailable.\nmore detail"), { name: "CredentialUnavailableError" }),
                ),
        };
        await assert.rejects(
            pullChart({ registry: acr.host, client: azureClient(), repository: "team/azure", version: "1.0.0" }),
            (error: OciError) => {
                assert.strictEqual(error.code, "AZURE_CREDENTIAL_UNAVAILABLE");
                assert.match(error.message, /CredentialUnavailableError: EnvironmentCredential is unavailable\. credentials/);
                assert.match(error.message, /AZURE_FEDERATED_TOKEN_FILE/);
                assert.match(error.message, /az login/);
                return true;
            },
        );
    });

    it("asks for the audience given; a registry refusing ARM-audience tokens refuses it", async () => {
        acr.issuer.acceptArmAudience = false;
        try {
            const client = azureClient({ kind: "azure", audience: "https://management.azure.com/" });
            await assert.rejects(
                pullChart({ registry: acr.host, client, repository: "team/azure", version: "1.0.0" }),
                (error: OciError) => {
                    assert.strictEqual(error.status, 401);
                    return true;
                },
            );
            assert.deepStrictEqual(scopesAsked, [["https://management.azure.com/.default"]]);
        } finally {
            acr.issuer.acceptArmAudience = true;
        }
    });

    it("refuses an unknown credentials kind before any request, naming the kinds", () => {
        assert.throws(
            () => new RegistryClient({ registry: acr.host, credentials: { kind: "azur" } as unknown as AzureCredentials }),
            /credentials\.kind must be one of basic, refreshToken, aadAccessToken, azure, anonymous \(got "azur"\)/,
        );
    });
});
