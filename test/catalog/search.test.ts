import * as assert from "assert";
import { parse } from "yaml";
import { searchCharts } from "../../chart/catalog/search";
import { closeSharedClients } from "../../chart/distribution/connection";
import { resolveTag } from "../../chart/helmOci/manage";
import { RawRegistryClient } from "../support/rawRegistry";
import { acrHelm } from "../support/cliRunner";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { publishVersions, pushImage } from "./catalogFixtures";

const admin = { username: "admin", password: DEFAULT_USERS.admin.password };
const env = { ACR_HELM_USERNAME: admin.username, ACR_HELM_PASSWORD: admin.password };

describe("acr-helm search against a registry with charts, images and a hostile artifact", function () {
    this.timeout(120_000);
    let registry: TestRegistry;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd", accessLog: true });
        await publishVersions(registry.host, admin, "helm", "alpha", ["1.0.0", "1.2.0", "1.10.0"]);
        await publishVersions(registry.host, admin, "helm", "beta", ["0.1.0"], "keywords:\n  - database\n");
        await publishVersions(registry.host, admin, "other", "gamma", ["2.0.0-rc.1"]);
        await pushImage(registry.host, admin, "images/app", ["1.0.0", "latest"]);
        // A chart manifest whose config claims 50 MiB: search must not download it.
        const raw = new RawRegistryClient(registry.host, admin.username, admin.password);
        const config = await raw.putBlob("helm/huge", Buffer.from("{}"));
        const layer = await raw.putBlob("helm/huge", Buffer.from("x"));
        await raw.putManifest("helm/huge", "1.0.0", {
            schemaVersion: 2,
            config: { mediaType: "application/vnd.cncf.helm.config.v1+json", digest: config.digest, size: 50 * 1024 * 1024 },
            layers: [{ mediaType: "application/vnd.cncf.helm.chart.content.v1.tar+gzip", ...layer }],
        });
    });
    after(async () => {
        closeSharedClients();
        await registry?.stop();
    });

    it("lists every chart with its newest version in a table like helm search repo; images are skipped, the hostile one is named", async () => {
        const run = await acrHelm(["search", `oci://${registry.host}`, "--plain-http"], "", env);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(
            run.stdout,
            [
                "NAME       \tCHART VERSION\tAPP VERSION\tDESCRIPTION",
                "helm/alpha \t1.10.0       \t1.0        \tTest chart alpha",
                "helm/beta  \t0.1.0        \t1.0        \tTest chart beta",
                "other/gamma\t2.0.0-rc.1   \t1.0        \tTest chart gamma",
                "",
            ].join("\n"),
        );
        assert.match(
            run.stderr,
            /Warning: skipped 127\.0\.0\.1:\d+\/helm\/huge: version 1\.0\.0: the config descriptor declares 52428800 bytes, more than the 1048576/,
        );
        assert.doesNotMatch(run.stderr, /images\/app/);
    });

    it("reads only manifests and config blobs: no chart archive is downloaded", async () => {
        const requests = await RegistryRequests.start(registry);
        await searchCharts({ registry: registry.host, credentials: admin, plainHttp: true });
        // The catalog, then for each of the 5 repositories its tags and its newest manifest; a config blob for each of
        // the three charts only: not for the image, not for the chart whose config declares 50 MiB, no chart archive.
        assert.deepStrictEqual(await requests.settledKinds(), { "blob GET": 3, "catalog GET": 1, "manifest GET": 5, "tags GET": 5 });
    });

    it("a namespace and a keyword narrow the search; the keyword matches Chart.yaml keywords", async () => {
        const inHelm = await acrHelm(["search", `oci://${registry.host}/helm`, "--plain-http", "-o", "json"], "", env);
        assert.deepStrictEqual(
            (JSON.parse(inHelm.stdout) as { name: string }[]).map((chart) => chart.name),
            ["helm/alpha", "helm/beta"],
        );
        const database = await acrHelm(["search", `oci://${registry.host}`, "DataBase", "--plain-http", "-o", "json"], "", env);
        assert.deepStrictEqual(
            (JSON.parse(database.stdout) as { name: string }[]).map((chart) => chart.name),
            ["helm/beta"],
        );
    });

    it("--versions lists every version, highest first, with the digests the registry holds (-o yaml)", async () => {
        const run = await acrHelm(["search", `oci://${registry.host}/helm`, "alpha", "--versions", "--plain-http", "-o", "yaml"], "", env);
        assert.strictEqual(run.code, 0, run.stderr);
        const rows = parse(run.stdout) as { name: string; version: string; app_version: string; ref: string; digest: string }[];
        assert.deepStrictEqual(
            rows.map((row) => row.version),
            ["1.10.0", "1.2.0", "1.0.0"],
        );
        for (const row of rows) {
            assert.strictEqual(row.ref, `oci://${registry.host}/helm/alpha`);
            assert.strictEqual(
                row.digest,
                await resolveTag({
                    registry: registry.host,
                    credentials: admin,
                    plainHttp: true,
                    repository: "helm/alpha",
                    version: row.version,
                }),
            );
        }
    });

    it("follows the catalog's Link pages", async () => {
        const requests = await RegistryRequests.start(registry);
        const paged = await searchCharts({ registry: registry.host, credentials: admin, plainHttp: true, catalogPageSize: 2 });
        assert.deepStrictEqual(
            paged.charts.map((chart) => chart.name),
            ["helm/alpha", "helm/beta", "other/gamma"],
        );
        assert.strictEqual(paged.repositories, 5);
        // 5 repositories at 2 per page take 3 catalog pages; the rest as without paging.
        assert.deepStrictEqual(await requests.settledKinds(), { "blob GET": 3, "catalog GET": 3, "manifest GET": 5, "tags GET": 5 });
    });

    it("a namespace holding only images says so; an empty one names the fix", async () => {
        const images = await acrHelm(["search", `oci://${registry.host}/images`, "--plain-http"], "", env);
        assert.strictEqual(images.code, 0, images.stderr);
        assert.strictEqual(images.stdout, "No results found\n");
        assert.match(images.stderr, /none of the 1 repositories under oci:\/\/127\.0\.0\.1:\d+\/images holds a Helm chart/);
        const empty = await acrHelm(["search", `oci://${registry.host}/nothing-here`, "--plain-http"], "", env);
        assert.match(empty.stderr, /lists no repositories under oci:\/\/127\.0\.0\.1:\d+\/nothing-here; check the namespace/);
    });

    it("an unknown registry and a wrong password fail naming the registry and the fix, with no secret in the output", async () => {
        const unreachable = await acrHelm(["search", "oci://127.0.0.1:9", "--plain-http", "--timeout", "5"], "", env);
        assert.strictEqual(unreachable.code, 1);
        assert.match(unreachable.stderr, /search 127\.0\.0\.1:9 failed: cannot reach 127\.0\.0\.1:9 \(ECONNREFUSED\)\. Check the registry/);
        const wrong = "Wrong-Secret-for-search";
        const denied = await acrHelm(
            ["search", `oci://${registry.host}`, "--plain-http", "--username", "admin", "--password-stdin"],
            wrong,
        );
        assert.strictEqual(denied.code, 1);
        assert.match(
            denied.stderr,
            /rejected the credentials \(HTTP 401\)\. Check the credentials for user "admin"; the identity needs permission to list the registry's repositories/,
        );
        assert.ok(!denied.stderr.includes(wrong) && !denied.stdout.includes(wrong));
    });

    it("bad -o values and bad references are usage errors", async () => {
        const output = await acrHelm(["search", `oci://${registry.host}`, "-o", "xml"]);
        assert.strictEqual(output.code, 2);
        assert.match(output.stderr, /--output takes table, json or yaml \(got "xml"\)/);
        const ref = await acrHelm(["search", `https://${registry.host}`]);
        assert.strictEqual(ref.code, 1);
        assert.match(ref.stderr, /is not of the form oci:\/\/<registry>\[\/<namespace>\]/);
    });
});

describe("acr-helm search against token auth (ACR's shapes): the catalog needs its own grant", function () {
    this.timeout(120_000);
    let registry: TestRegistry;
    const users = {
        lister: { password: "lister-Secret-pa55", actions: ["pull", "push", "catalog"] },
        puller: { password: "puller-Secret-pa55", actions: ["pull"] },
    };

    before(async () => {
        registry = await startRegistry({ auth: "token", users });
        for (const name of ["delta", "epsilon", "zeta"])
            await publishVersions(registry.host, { username: "lister", password: users.lister.password }, "helm", name, ["3.0.0"]);
    });
    after(async () => {
        closeSharedClients();
        await registry?.stop();
    });

    it("an identity with the catalog grant searches through the token service, with one token request for many repositories", async () => {
        registry.issuer!.requests.length = 0;
        const run = await acrHelm(["search", `oci://${registry.host}`, "--plain-http", "-o", "json"], "", {
            ACR_HELM_USERNAME: "lister",
            ACR_HELM_PASSWORD: users.lister.password,
        });
        assert.strictEqual(run.code, 0, run.stderr);
        assert.deepStrictEqual(
            (JSON.parse(run.stdout) as { name: string; version: string }[]).map((c) => `${c.name}:${c.version}`),
            ["helm/delta:3.0.0", "helm/epsilon:3.0.0", "helm/zeta:3.0.0"],
        );
        assert.deepStrictEqual(
            registry.issuer!.requests.map((request) => `${request.method} ${request.basicUser}`),
            ["GET lister", "GET lister"],
            "one token for the catalog, one for all three repositories",
        );
    });

    it("an identity without it is DENIED on the catalog, and told which permission to get", async () => {
        const run = await acrHelm(["search", `oci://${registry.host}`, "--plain-http"], "", {
            ACR_HELM_USERNAME: "puller",
            ACR_HELM_PASSWORD: users.puller.password,
        });
        assert.strictEqual(run.code, 1);
        assert.match(
            run.stderr,
            /user "puller" is authenticated but not allowed to search on registry 127\.0\.0\.1:\d+.*Grant the identity permission to list the registry's repositories \(the catalog/,
        );
        assert.ok(!run.stderr.includes(users.puller.password));
    });
});
