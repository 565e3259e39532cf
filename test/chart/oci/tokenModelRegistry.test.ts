import * as assert from "assert";
import { searchCharts } from "../../../chart/catalog/search";
import { copyChartVersion } from "../../../chart/copy/copyChartVersion";
import { RegistryClient } from "../../../chart/distribution/client";
import { closeSharedClients, openRepository } from "../../../chart/distribution/connection";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { AAD_TEST_TENANT, IssuerUser } from "../../../scripts/local/tokenIssuer";
import { signAadToken } from "../../../scripts/local/tokenIssuerJwt";
import { publishVersions } from "../../catalog/catalogFixtures";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

const PUSHER_OBJECT_ID = "0b1c2d3e-4f50-6172-8394-a5b6c7d8e9f0";
const users: Record<string, IssuerUser> = {
    admin: { ...DEFAULT_USERS.admin, actions: ["pull", "push", "delete", "catalog"] },
    // The catalog lister of an ABAC registry that may read only team-a's repositories.
    "team-a-reader": { password: "team-a-Secret-pa55", actions: ["pull", "catalog"], repositories: ["team-a"] },
};
const admin = { username: "admin", password: users.admin.password };

describe("our client against distribution's token model, with repository-scoped permissions like an ABAC registry", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    const connection = () => ({ registry: registry.host, credentials: admin, plainHttp: true });

    before(async () => {
        registry = await startRegistry({ auth: "token", users, aadPrincipals: { [PUSHER_OBJECT_ID]: "admin" } });
    });
    after(async () => {
        closeSharedClients();
        await registry?.stop();
    });

    it("a copy between two repositories of one registry mounts every blob: the token covers pull on the source", async () => {
        await pushChart({ ...connection(), chart: await makeChart("hello", "1.0.0"), repository: "dev/hello" });
        const result = await copyChartVersion({
            source: openRepository(connection(), "dev/hello"),
            destination: openRepository(connection(), "prod/hello"),
            version: "1.0.0",
        });
        assert.deepStrictEqual(result.blobs, { present: 0, mounted: 2, uploaded: 0 });
        assert.ok(
            registry.issuer!.requests.some((request) => request.method === "GET" && request.path === "/oauth2/token"),
            "no token was requested: the registry did not use its token service",
        );
    });

    it("search skips and reports a repository the catalog lists but the identity may not read", async () => {
        await publishVersions(registry.host, admin, "team-a", "alpha", ["1.0.0"]);
        await publishVersions(registry.host, admin, "team-b", "beta", ["2.0.0"]);
        const result = await searchCharts({
            registry: registry.host,
            plainHttp: true,
            credentials: { username: "team-a-reader", password: users["team-a-reader"].password },
            namespace: "",
        });
        const names = result.charts.map((chart) => `${chart.name}@${chart.version}`);
        assert.deepStrictEqual(
            names.filter((name) => name.startsWith("team-")),
            ["team-a/alpha@1.0.0"],
        );
        const teamB = result.skipped.find((skip) => skip.repository === "team-b/beta");
        assert.ok(teamB, JSON.stringify(result.skipped));
        assert.match(teamB.code, /^(DENIED|UNAUTHORIZED)$/);
        assert.match(teamB.reason, /team-a-reader/);
    });

    it("an Entra identity keeps working after its exchanged refresh token has expired: it exchanges again", async () => {
        registry.issuer!.refreshTokenTtlSeconds = 2;
        registry.issuer!.tokenTtlSeconds = 1;
        const accessToken = await signAadToken(registry.issuer!.aadKeys.privateKey, AAD_TEST_TENANT, PUSHER_OBJECT_ID);
        const client = new RegistryClient({
            registry: registry.host,
            plainHttp: true,
            credentials: { kind: "aadAccessToken", accessToken },
        });
        try {
            const chart = await makeChart("entra", "1.0.0");
            await pushChart({ registry: registry.host, client, chart, repository: "team-a/entra" });
            await new Promise((resolve) => setTimeout(resolve, 2200));
            const pulled = await pullChart({ registry: registry.host, client, repository: "team-a/entra", version: "1.0.0" });
            assert.ok(pulled.archive.equals(chart.archive));
            assert.strictEqual(registry.issuer!.requests.filter((request) => request.path === "/oauth2/exchange").length, 2);
        } finally {
            client.close();
            registry.issuer!.refreshTokenTtlSeconds = 3 * 60 * 60;
            registry.issuer!.tokenTtlSeconds = 300;
        }
    });
});
