import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { ACR_NULL_GUID_USERNAME, RegistryCredentials } from "../../../chart/distribution/auth/credentials";
import { OciError } from "../../../chart/distribution/errors";
import { listChartVersions } from "../../../chart/helmOci/list";
import { listTags } from "../../../chart/distribution/tags";
import { resolveTag } from "../../../chart/helmOci/manage";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../support/registry";
import { AAD_TEST_TENANT, IssuerUser } from "../../../scripts/local/tokenIssuer";
import { signAadToken } from "../../../scripts/local/tokenIssuerJwt";
import { makeChart } from "./chartFixtures";
import { assertNoSecrets } from "./secrets";

const SP_APP_ID = "6b1f2c1e-0d1a-4a3b-9c8d-7e6f5a4b3c2d";
const SP_OBJECT_ID = "aa00bb11-cc22-dd33-ee44-ff5566778899";
const users: Record<string, IssuerUser> = {
    ...DEFAULT_USERS,
    [SP_APP_ID]: { password: "sp~Client.Secret_123", actions: ["pull", "push"] },
};

describe("registry authentication against docker-registry token auth (ACR token shapes)", function () {
    this.timeout(120000);
    let registry: TestRegistry;
    const clients: RegistryClient[] = [];

    before(async () => {
        registry = await startRegistry({ auth: "token", users, aadPrincipals: { [SP_OBJECT_ID]: SP_APP_ID } });
    });
    after(async () => {
        clients.forEach((c) => c.close());
        await registry?.stop();
    });
    beforeEach(() => {
        registry.issuer!.requests.length = 0;
        registry.issuer!.getEnabled = true;
    });

    function clientWith(credentials: RegistryCredentials): RegistryClient {
        const client = new RegistryClient({ registry: registry.host, credentials, plainHttp: true });
        clients.push(client);
        return client;
    }
    async function pushAndPull(credentials: RegistryCredentials, name: string): Promise<RegistryClient> {
        const client = clientWith(credentials);
        const chart = await makeChart(name, "1.0.0");
        await pushChart({ registry: registry.host, client, chart, repository: `auth/${name}` });
        const pulled = await pullChart({ registry: registry.host, client, repository: `auth/${name}`, version: "1.0.0" });
        assert.ok(pulled.archive.equals(chart.archive));
        return client;
    }
    const grants = () => registry.issuer!.requests.map((r) => `${r.method} ${r.path} ${r.grantType ?? r.basicUser ?? ""}`.trim());

    it("admin user: GET token with Basic credentials; the push token also serves the pull", async () => {
        const client = await pushAndPull({ username: "admin", password: users.admin.password }, "admin");
        assert.deepStrictEqual(grants(), ["GET /oauth2/token admin"]);
        assert.strictEqual(client.stats.tokenRequests, 1);
    });

    it("service principal appId/password works like any Basic identity", async () => {
        await pushAndPull({ username: SP_APP_ID, password: users[SP_APP_ID].password }, "sp");
        assert.ok(grants().every((g) => g === `GET /oauth2/token ${SP_APP_ID}`));
    });

    it("falls back to OAuth2 POST grant_type=password when the realm does not serve GET", async () => {
        registry.issuer!.getEnabled = false;
        await pushAndPull({ username: "admin", password: users.admin.password }, "postpassword");
        assert.deepStrictEqual(grants().slice(0, 2), ["GET /oauth2/token admin", "POST /oauth2/token password"]);
    });

    it("null-GUID user with an ACR refresh token uses OAuth2 POST grant_type=refresh_token", async () => {
        const refreshToken = registry.issuer!.issueRefreshToken("admin");
        await pushAndPull({ username: ACR_NULL_GUID_USERNAME, password: refreshToken }, "nullguid");
        assert.ok(grants().length > 0 && grants().every((g) => g === "POST /oauth2/token refresh_token"));
    });

    it("refreshToken credentials use OAuth2 POST grant_type=refresh_token", async () => {
        await pushAndPull({ kind: "refreshToken", refreshToken: registry.issuer!.issueRefreshToken("admin") }, "refresh");
        assert.ok(grants().every((g) => g === "POST /oauth2/token refresh_token"));
    });

    it("an Azure AD access token is exchanged once at /oauth2/exchange, then used as a refresh token", async () => {
        const aadToken = await signAadToken(registry.issuer!.aadKeys.privateKey, AAD_TEST_TENANT, SP_OBJECT_ID);
        await pushAndPull({ kind: "aadAccessToken", accessToken: aadToken, tenantId: AAD_TEST_TENANT }, "aad");
        assert.strictEqual(grants()[0], "POST /oauth2/exchange access_token");
        assert.strictEqual(grants().filter((g) => g.includes("/oauth2/exchange")).length, 1);
        assert.ok(
            grants()
                .slice(1)
                .every((g) => g === "POST /oauth2/token refresh_token"),
        );
    });

    it("rejects an Azure AD token the registry does not trust, without echoing it", async () => {
        const otherTenantToken = await signAadToken(registry.issuer!.aadKeys.privateKey, AAD_TEST_TENANT, "not-a-known-principal");
        const client = clientWith({ kind: "aadAccessToken", accessToken: otherTenantToken, tenantId: AAD_TEST_TENANT });
        const error = await pushChart({
            registry: registry.host,
            client,
            chart: await makeChart("aadbad", "1.0.0"),
            repository: "auth/aadbad",
        }).catch((e: OciError) => e);
        assert.ok(error instanceof OciError && error.code === "UNAUTHORIZED", String(error));
        assert.match(error.message, /the Azure AD access token/);
        assertNoSecrets(error, [otherTenantToken, otherTenantToken.split(".")[1]]);
    });

    it("a wrong password gives 401 naming the user, the registry and the AcrPush role, and leaks no secret", async () => {
        const wrong = "Wrong-Password-XYZ-123";
        const client = clientWith({ username: "admin", password: wrong });
        const error = await pushChart({
            registry: registry.host,
            client,
            chart: await makeChart("wrongpw", "1.0.0"),
            repository: "auth/wrongpw",
        }).catch((e: OciError) => e);
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.status, 401);
        assert.strictEqual(error.code, "UNAUTHORIZED");
        assert.match(error.message, /user "admin"/);
        assert.match(error.message, new RegExp(registry.host));
        assert.match(error.message, /AcrPush role/);
        assertNoSecrets(error, [wrong, Buffer.from(`admin:${wrong}`).toString("base64")]);
        const pullError = await listChartVersions({ registry: registry.host, client, repository: "auth/wrongpw" }).catch(
            (e: OciError) => e,
        );
        assert.match(String(pullError), /AcrPull/);
    });

    it("a read-only identity may pull but a push is DENIED, with the AcrPush fix, and nothing changes", async () => {
        const admin = clientWith({ username: "admin", password: users.admin.password });
        await pushChart({
            registry: registry.host,
            client: admin,
            chart: await makeChart("readonly", "1.0.0"),
            repository: "auth/readonly",
        });
        const reader = clientWith({ username: "reader", password: users.reader.password });
        assert.deepStrictEqual(await listChartVersions({ registry: registry.host, client: reader, repository: "auth/readonly" }), [
            "1.0.0",
        ]);
        const error = await pushChart({
            registry: registry.host,
            client: reader,
            chart: await makeChart("readonly", "1.1.0"),
            repository: "auth/readonly",
        }).catch((e: OciError) => e);
        assert.ok(error instanceof OciError, String(error));
        assert.strictEqual(error.code, "DENIED");
        assert.match(error.message, /user "reader" is authenticated but not allowed to push/);
        assert.match(error.message, /AcrPush/);
        assertNoSecrets(error, [users.reader.password]);
        assert.deepStrictEqual(await listTags({ registry: registry.host, client: admin, repository: "auth/readonly" }), ["1.0.0"]);
    });

    it("anonymous access to a protected registry fails with 401 and says credentials are missing", async () => {
        const client = clientWith({ kind: "anonymous" });
        await assert.rejects(listChartVersions({ registry: registry.host, client, repository: "auth/admin" }), (error: OciError) => {
            assert.match(error.message, /anonymous access \(no credentials given\)/);
            return error.code === "UNAUTHORIZED" || error.code === "DENIED";
        });
    });

    it("refreshes a token when it expires (JWT exp), not before", async () => {
        const client = clientWith({ username: "admin", password: users.admin.password });
        registry.issuer!.tokenTtlSeconds = 2;
        try {
            await pushChart({ registry: registry.host, client, chart: await makeChart("expiry", "1.0.0"), repository: "auth/expiry" });
            assert.ok(await resolveTag({ registry: registry.host, client, repository: "auth/expiry", version: "1.0.0" }));
            assert.strictEqual(client.stats.tokenRequests, 1);
            await new Promise((resolve) => setTimeout(resolve, 2100));
            assert.ok(await resolveTag({ registry: registry.host, client, repository: "auth/expiry", version: "1.0.0" }));
            assert.strictEqual(client.stats.tokenRequests, 2);
        } finally {
            registry.issuer!.tokenTtlSeconds = 300;
        }
    });
});
