import * as assert from "assert";
import { azureCredentialSource } from "../../../chart/distribution/acr/azureCredential";
import { RegistryClient } from "../../../chart/distribution/client";
import { RegistryCredentials } from "../../../chart/distribution/auth/credentials";
import { refreshTokenFromExchange } from "../../../chart/distribution/acr/entraToken";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { verifyLogin } from "../../../cli/login/verifyLogin";
import { fakeJwt, ScriptedTokenRegistry } from "../../support/scriptedTokenRegistry";

const ACR_AUDIENCE = "https://containerregistry.azure.net";
const entraToken = (aud: string) => fakeJwt({ aud, oid: "object-id", exp: Math.floor(Date.now() / 1000) + 3600 });
const originalCreate = azureCredentialSource.create;
const refreshCredentials: RegistryCredentials = { kind: "refreshToken", refreshToken: fakeJwt({ exp: 4102444800 }) };

describe("token endpoint requests as ACR's spec and Microsoft's clients make them", function () {
    this.timeout(30_000);
    let registry: ScriptedTokenRegistry;
    const clients: RegistryClient[] = [];

    // A fresh registry per test: a client remembers the challenge of each registry address.
    beforeEach(async () => {
        registry = await new ScriptedTokenRegistry().start();
    });
    afterEach(async () => {
        clients.splice(0).forEach((client) => client.close());
        await registry.stop();
    });

    function clientWith(credentials: RegistryCredentials): RegistryClient {
        const client = new RegistryClient({ registry: registry.host, caCert: registry.caCertPem, credentials, retry: { baseDelayMs: 50 } });
        clients.push(client);
        return client;
    }
    const list = (client: RegistryClient) => listTags({ registry: client.registry, client, repository: "charts/x" });
    const tokenPosts = () => registry.posts.filter((post) => post.path === "/oauth2/token");
    const exchanges = () => registry.posts.filter((post) => post.path === "/oauth2/exchange");

    it('an Entra token from { kind: "azure" } that a token endpoint repeats in its error is not in the thrown error', async () => {
        const token = entraToken(ACR_AUDIENCE);
        azureCredentialSource.create = () => ({ getToken: async () => ({ token, expiresOnTimestamp: Date.now() + 3600_000 }) });
        registry.failFirst = [{ status: 400, echoField: "access_token" }];
        try {
            await assert.rejects(list(clientWith({ kind: "azure" })), (error: OciError) => {
                assert.match(error.message, /HTTP 400: TOOMANYREQUESTS bad access_token: \*\*\*/);
                assert.ok(!error.message.includes(token.slice(-20)), error.message);
                return true;
            });
        } finally {
            azureCredentialSource.create = originalCreate;
        }
    });

    it("several scopes in one token request travel as repeated scope fields", async () => {
        const client = clientWith(refreshCredentials);
        await list(client);
        await client.prefetchTokens(["repository:charts/a:pull", "repository:charts/b:pull"], "search");
        assert.deepStrictEqual(tokenPosts()[1].form.getAll("scope"), ["repository:charts/a:pull", "repository:charts/b:pull"]);
    });

    it("login verification never POSTs an empty scope: it asks for the catalog, as az acr login does", async () => {
        await verifyLogin({ registry: registry.host, caCert: registry.caCertPem, credentials: refreshCredentials });
        assert.deepStrictEqual(
            tokenPosts().map((post) => post.form.getAll("scope")),
            [["registry:catalog:*"]],
        );
    });

    it("a token endpoint answering 429 with Retry-After, then 503, is retried after the wait, and the call succeeds", async () => {
        registry.failFirst = [{ status: 429, retryAfter: "1" }, { status: 503 }];
        const client = clientWith(refreshCredentials);
        const started = Date.now();
        assert.deepStrictEqual(await list(client), ["1.0.0"]);
        assert.strictEqual(tokenPosts().length, 3);
        assert.ok(Date.now() - started >= 1000, `retried after ${Date.now() - started} ms, before Retry-After`);
        assert.strictEqual(client.stats.retries, 2);
    });

    it("token endpoint retries are bounded: a registry that keeps answering 503 fails after maxAttempts requests", async () => {
        registry.failFirst = Array.from({ length: 10 }, () => ({ status: 503 }));
        const client = clientWith(refreshCredentials);
        const error = await list(client).then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.status, 503);
        assert.strictEqual(tokenPosts().length, 4);
    });

    it("the scope a challenge names is asked for, when the registry needs more than the client guessed", async () => {
        registry.requiredScope = "repository:charts/x:pull,metadata_read";
        const client = clientWith(refreshCredentials);
        assert.deepStrictEqual(await list(client), ["1.0.0"]);
        assert.ok(
            tokenPosts().some((post) => post.form.getAll("scope").includes("repository:charts/x:pull,metadata_read")),
            JSON.stringify(tokenPosts().map((post) => post.form.getAll("scope"))),
        );
        // The token is kept for the request's own scope: a second listing asks for no new one.
        const before = tokenPosts().length;
        await list(client);
        assert.strictEqual(tokenPosts().length, before);
    });

    it("an exchanged refresh token past its JWT exp is exchanged again instead of failing the next call", async () => {
        registry.refreshTokenTtlSeconds = 2;
        registry.accessTokenTtlSeconds = 1;
        const client = clientWith({ kind: "aadAccessToken", accessToken: entraToken(ACR_AUDIENCE) });
        await list(client);
        await new Promise((resolve) => setTimeout(resolve, 2100));
        assert.deepStrictEqual(await list(client), ["1.0.0"]);
        assert.strictEqual(exchanges().length, 2);
    });

    it("an ACR refresh token that is not a JWT is renewed before three hours have passed", () => {
        const now = Date.UTC(2026, 0, 1);
        const threeHours = 3 * 60 * 60 * 1000;
        const { refreshAt } = refreshTokenFromExchange("opaque-refresh-token", now);
        assert.ok(refreshAt < now + threeHours && refreshAt >= now + threeHours - 5 * 60 * 1000, String(refreshAt - now));
    });

    it("an Entra token for another audience is refused before it is sent, naming the audience and the fix", async () => {
        const client = clientWith({ kind: "aadAccessToken", accessToken: entraToken("https://management.azure.com/") });
        const error = await list(client).then(
            () => undefined,
            (e: unknown) => e,
        );
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.code, "AAD_TOKEN_AUDIENCE");
        assert.match(error.message, /audience "https:\/\/management\.azure\.com\/", not "https:\/\/containerregistry\.azure\.net"/);
        assert.match(error.message, /credentials\.audience/);
        assert.strictEqual(exchanges().length, 0);
    });

    it("an ARM-audience Entra token is exchanged when the credentials state that audience", async () => {
        const arm = "https://management.azure.com/";
        const client = clientWith({ kind: "aadAccessToken", accessToken: entraToken(arm), audience: arm });
        assert.deepStrictEqual(await list(client), ["1.0.0"]);
        assert.strictEqual(exchanges().length, 1);
    });
});
