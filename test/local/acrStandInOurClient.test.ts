import * as assert from "assert";
import { searchCharts } from "../../chart/catalog/search";
import { copyChartVersion } from "../../chart/copy/copyChartVersion";
import { setVersionWritable } from "../../chart/distribution/acr/acrLock";
import { RegistryClient } from "../../chart/distribution/client";
import { RegistryCredentials } from "../../chart/distribution/auth/credentials";
import { OciError } from "../../chart/distribution/errors";
import { Repository } from "../../chart/distribution/repository";
import { resolveTag } from "../../chart/helmOci/manage";
import { pullChart } from "../../chart/helmOci/pull";
import { pushChart } from "../../chart/helmOci/push";
import { AcrStandIn, startAcrStandIn } from "../../scripts/local/acrRegistry";
import { AAD_TEST_TENANT, IssuerUser } from "../../scripts/local/tokenIssuer";
import { signAadToken } from "../../scripts/local/tokenIssuerJwt";
import { makeChart } from "../chart/oci/chartFixtures";

const WRITER_OID = "2c3d4e5f-6071-8293-a4b5-c6d7e8f90a1b";
const PUSHER_OID = "3d4e5f60-7182-93a4-b5c6-d7e8f90a1b2c";
const READER_OID = "4e5f6071-8293-a4b5-c6d7-e8f90a1b2c3d";
const users: Record<string, IssuerUser> = {
    // Repository Writer plus metadata writes: may lock.
    writer: { password: "writer-Secret-pa55", actions: ["pull", "push", "delete", "catalog", "metadata_read", "metadata_write"] },
    // AcrPush's data actions: pull and push, no metadata_write.
    pusher: { password: "pusher-Secret-pa55", actions: ["pull", "push"] },
    // Catalog Lister plus Repository Reader with a condition on team-a/.
    "team-a-reader": { password: "reader-Secret-pa55", actions: ["pull", "catalog", "metadata_read"], repositories: ["team-a"] },
};

/*
 * Our client's version lock, same-registry copy, search and refresh-token renewal against the ACR stand-in that
 * Microsoft's client accepts (acrStandInMicrosoftClient.test.ts): https, Bearer challenges, Entra tokens exchanged
 * at /oauth2/exchange, the /acr/v1 attribute API enforcing writeEnabled. Real ACR is not involved.
 */
describe("our client against the ACR stand-in, with Entra identities and Bearer tokens", function () {
    this.timeout(60_000);
    let acr: AcrStandIn;
    const clients: RegistryClient[] = [];

    before(async () => {
        acr = await startAcrStandIn({
            users,
            aadPrincipals: { [WRITER_OID]: "writer", [PUSHER_OID]: "pusher", [READER_OID]: "team-a-reader" },
        });
    });
    after(async () => {
        clients.forEach((client) => client.close());
        await acr?.stop();
    });

    async function entra(objectId: string): Promise<RegistryCredentials> {
        return { kind: "aadAccessToken", accessToken: await signAadToken(acr.issuer.aadKeys.privateKey, AAD_TEST_TENANT, objectId) };
    }
    async function clientAs(objectId: string): Promise<RegistryClient> {
        const client = new RegistryClient({ registry: acr.host, caCert: acr.caCertPem, credentials: await entra(objectId) });
        clients.push(client);
        return client;
    }
    const exchanges = () => acr.issuer.requests.filter((request) => request.path === "/oauth2/exchange").length;

    it("locks a pushed version through /acr/v1; the stand-in then refuses to move the tag, and allowOverwrite unlocks and relocks", async () => {
        const client = await clientAs(WRITER_OID);
        const first = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("locked", "1.0.0"),
            repository: "team-a/locked",
            lockAfterPush: true,
        });
        assert.strictEqual(first.locked, true);
        assert.strictEqual(acr.attributes.tagWritable("team-a/locked", "1.0.0"), false);
        const changed = await makeChart("locked", "1.0.0", "", "changed");
        await assert.rejects(
            pushChart({
                registry: acr.host,
                client,
                chart: changed,
                repository: "team-a/locked",
                allowOverwrite: true,
                lockAfterPush: false,
            }),
            (error: OciError) => {
                assert.strictEqual(error.status, 405);
                assert.strictEqual(error.code, "REGISTRY_DISALLOWED_OPERATION");
                return true;
            },
        );
        const second = await pushChart({
            registry: acr.host,
            client,
            chart: changed,
            repository: "team-a/locked",
            allowOverwrite: true,
            lockAfterPush: true,
        });
        assert.notStrictEqual(second.digest, first.digest);
        assert.strictEqual(second.locked, true);
        assert.strictEqual(acr.attributes.tagWritable("team-a/locked", "1.0.0"), false);
    });

    it('an identity without metadata_write: lockAfterPush true fails naming metadata_write; "auto" publishes unlocked', async () => {
        const client = await clientAs(PUSHER_OID);
        await assert.rejects(
            pushChart({
                registry: acr.host,
                client,
                chart: await makeChart("nolock", "1.0.0"),
                repository: "team-a/nolock",
                lockAfterPush: true,
            }),
            (error: OciError) => {
                assert.match(error.message, /published \(sha256:[a-f0-9]{64}\) but not locked/);
                assert.match(error.message, /metadata_write/);
                return true;
            },
        );
        assert.strictEqual(acr.attributes.tagWritable("team-a/nolock", "1.0.0"), true);
        const digest = await resolveTag({ registry: acr.host, client, repository: "team-a/nolock", version: "1.0.0" });
        assert.deepStrictEqual(await setVersionWritable(client, "auto", "team-a/nolock", "1.0.0", digest!, false), { applied: false });
    });

    it("copies between two repositories of the registry by mounting every blob", async () => {
        const client = await clientAs(WRITER_OID);
        const chart = await makeChart("hello", "1.0.0");
        await pushChart({ registry: acr.host, client, chart, repository: "dev/hello", lockAfterPush: false });
        const result = await copyChartVersion({
            source: new Repository(client, "dev/hello"),
            destination: new Repository(client, "prod/hello"),
            version: "1.0.0",
        });
        assert.deepStrictEqual(result.blobs, { present: 0, mounted: 2, uploaded: 0 });
        const pulled = await pullChart({ registry: acr.host, client, repository: "prod/hello", version: "1.0.0" });
        assert.ok(pulled.archive.equals(chart.archive));
    });

    it("search lists what the identity may read and reports the repository it may not", async () => {
        const writer = await clientAs(WRITER_OID);
        await pushChart({ registry: acr.host, client: writer, chart: await makeChart("alpha", "1.0.0"), repository: "team-a/alpha" });
        await pushChart({ registry: acr.host, client: writer, chart: await makeChart("beta", "2.0.0"), repository: "team-b/beta" });
        const result = await searchCharts({ registry: acr.host, client: await clientAs(READER_OID), namespace: "" });
        const names = result.charts.map((chart) => `${chart.name}@${chart.version}`);
        assert.ok(names.includes("team-a/alpha@1.0.0"), JSON.stringify(names));
        assert.ok(!names.some((name) => name.startsWith("team-b/")), JSON.stringify(names));
        const teamB = result.skipped.find((skip) => skip.repository === "team-b/beta");
        assert.ok(teamB, JSON.stringify(result.skipped));
        assert.match(teamB.code, /^(DENIED|UNAUTHORIZED)$/);
    });

    it("keeps working after the exchanged refresh token has expired: exchanges the Entra token again", async () => {
        acr.issuer.refreshTokenTtlSeconds = 2;
        acr.issuer.tokenTtlSeconds = 1;
        try {
            const client = await clientAs(WRITER_OID);
            const before = exchanges();
            const chart = await makeChart("renewed", "1.0.0");
            await pushChart({ registry: acr.host, client, chart, repository: "team-a/renewed", lockAfterPush: true });
            assert.strictEqual(exchanges() - before, 1);
            await new Promise((resolve) => setTimeout(resolve, 2200));
            const pulled = await pullChart({ registry: acr.host, client, repository: "team-a/renewed", version: "1.0.0" });
            assert.ok(pulled.archive.equals(chart.archive));
            assert.strictEqual(exchanges() - before, 2);
        } finally {
            acr.issuer.refreshTokenTtlSeconds = 3 * 60 * 60;
            acr.issuer.tokenTtlSeconds = 300;
        }
    });
});
