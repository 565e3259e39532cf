import * as assert from "assert";
import { lockApplies, setVersionWritable } from "../../../chart/distribution/acr/acrLock";
import { RegistryClient } from "../../../chart/distribution/client";
import { OciConflictError, OciError } from "../../../chart/distribution/errors";
import { deleteManifest } from "../../../chart/distribution/deleteManifest";
import { resolveTag } from "../../../chart/helmOci/manage";
import { pushChart } from "../../../chart/helmOci/push";
import { AcrStandIn } from "../../support/acrStandIn";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

/*
 * Version locks use Azure Container Registry's data-plane API. These tests prove the requests this package
 * sends (paths, api-version, body, content type, auth, order) and how it reacts to ACR's documented answers,
 * against a local stand-in in front of a real docker-registry. They do not prove the lock against real ACR,
 * which cannot be reached from here.
 */
describe("version locks (ACR writeEnabled) against a local ACR stand-in", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let acr: AcrStandIn;
    const clients: RegistryClient[] = [];
    const basic = () => "Basic " + Buffer.from(`admin:${registry.users.admin.password}`).toString("base64");
    const newClient = () => {
        const client = new RegistryClient({
            registry: acr.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });
        clients.push(client);
        return client;
    };

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        acr = await new AcrStandIn(Number(registry.host.split(":")[1]), basic()).start();
    });
    after(async () => {
        clients.forEach((c) => c.close());
        await acr?.stop();
        await registry?.stop();
    });
    beforeEach(() => {
        acr.patches.length = 0;
        acr.denyLocks = false;
    });

    it('"auto" locks Azure Container Registry hosts only; true and false are absolute', () => {
        assert.strictEqual(lockApplies(undefined, "myacr.azurecr.io"), true);
        assert.strictEqual(lockApplies("auto", "MyAcr.AzureCR.io:443"), true);
        assert.strictEqual(lockApplies("auto", "myacr.azurecr.cn"), true);
        assert.strictEqual(lockApplies("auto", "azurecr.io.example.com"), false);
        assert.strictEqual(lockApplies("auto", "127.0.0.1:5000"), false);
        assert.strictEqual(lockApplies(false, "myacr.azurecr.io"), false);
        assert.strictEqual(lockApplies(true, "127.0.0.1:5000"), true);
    });

    it('locks the tag, then the manifest, with PATCH {"writeEnabled": false} on /acr/v1 (api-version 2021-07-01)', async () => {
        const client = newClient();
        const pushed = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("locked", "1.0.0"),
            repository: "helm/locked",
            lockAfterPush: true,
        });
        assert.strictEqual(pushed.locked, true);
        assert.deepStrictEqual(
            acr.patches.map((p) => [p.path, p.apiVersion, p.contentType, p.body]),
            [
                ["/acr/v1/helm/locked/_tags/1.0.0", "2021-07-01", "application/json", { writeEnabled: false }],
                [`/acr/v1/helm/locked/_manifests/${pushed.digest}`, "2021-07-01", "application/json", { writeEnabled: false }],
            ],
        );
        assert.ok(acr.patches.every((p) => p.authorization === basic()));
        assert.deepStrictEqual([...acr.locked].sort(), [`helm/locked:1.0.0`, `helm/locked@${pushed.digest}`].sort());
    });

    it('sends no PATCH when locking is off, and none for a registry that is not ACR under "auto"', async () => {
        const client = newClient();
        const off = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("unlocked", "1.0.0"),
            repository: "helm/unlocked",
            lockAfterPush: false,
        });
        const auto = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("unlocked", "1.0.1"),
            repository: "helm/unlocked",
        });
        assert.deepStrictEqual([off.locked, auto.locked], [false, false]);
        assert.deepStrictEqual(acr.patches, []);
    });

    it("a writer that lost the race to a locked version gets VERSION_CONFLICT naming both digests; the winner's content stays", async () => {
        const winnerChart = await makeChart("contest", "1.0.0", "", "winner");
        let winnerDigest = "";
        acr.beforeNextManifestPut = async () => {
            winnerDigest = (
                await pushChart({
                    registry: acr.host,
                    client: newClient(),
                    chart: winnerChart,
                    repository: "helm/contest",
                    lockAfterPush: true,
                })
            ).digest;
        };
        const loser = pushChart({
            registry: acr.host,
            client: newClient(),
            chart: await makeChart("contest", "1.0.0", "", "loser"),
            repository: "helm/contest",
            lockAfterPush: true,
        });
        await assert.rejects(loser, (error: OciConflictError) => {
            assert.ok(error instanceof OciConflictError);
            assert.strictEqual(error.code, "VERSION_CONFLICT");
            assert.strictEqual(error.existingDigest, winnerDigest);
            assert.ok(error.message.includes(winnerDigest) && error.message.includes(error.attemptedDigest));
            assert.match(error.message, /bump the chart version/);
            return true;
        });
        assert.strictEqual(
            await resolveTag({ registry: acr.host, client: newClient(), repository: "helm/contest", version: "1.0.0" }),
            winnerDigest,
        );
    });

    it("allowOverwrite unlocks the tag and the old manifest before writing, then locks the new content", async () => {
        const client = newClient();
        const first = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("replace", "1.0.0"),
            repository: "helm/replace",
            lockAfterPush: true,
        });
        acr.patches.length = 0;
        const second = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("replace", "1.0.0", "", "new"),
            repository: "helm/replace",
            lockAfterPush: true,
            allowOverwrite: true,
        });
        assert.deepStrictEqual(
            acr.patches.map((p) => [p.path, p.body]),
            [
                ["/acr/v1/helm/replace/_tags/1.0.0", { writeEnabled: true }],
                [`/acr/v1/helm/replace/_manifests/${first.digest}`, { writeEnabled: true }],
                ["/acr/v1/helm/replace/_tags/1.0.0", { writeEnabled: false }],
                [`/acr/v1/helm/replace/_manifests/${second.digest}`, { writeEnabled: false }],
            ],
        );
        assert.strictEqual(await resolveTag({ registry: acr.host, client, repository: "helm/replace", version: "1.0.0" }), second.digest);
    });

    it("overwriting a locked version without unlocking is refused by the registry and reported as a lock, not a conflict", async () => {
        const client = newClient();
        const first = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("stuck", "1.0.0"),
            repository: "helm/stuck",
            lockAfterPush: true,
        });
        const changed = await makeChart("stuck", "1.0.0", "", "changed");
        await assert.rejects(
            pushChart({ registry: acr.host, client, chart: changed, repository: "helm/stuck", allowOverwrite: true, lockAfterPush: false }),
            (error: OciError) => {
                assert.ok(!(error instanceof OciConflictError));
                assert.strictEqual(error.status, 405);
                assert.strictEqual(error.code, "REGISTRY_DISALLOWED_OPERATION");
                assert.match(error.message, /the version may be locked/);
                return true;
            },
        );
        assert.strictEqual(await resolveTag({ registry: acr.host, client, repository: "helm/stuck", version: "1.0.0" }), first.digest);
    });

    it('lockAfterPush: true fails when the identity may not lock, naming metadata_write and the opt-out; "auto" carries on unlocked', async () => {
        const client = newClient();
        acr.denyLocks = true;
        await assert.rejects(
            pushChart({
                registry: acr.host,
                client,
                chart: await makeChart("nolock", "1.0.0"),
                repository: "helm/nolock",
                lockAfterPush: true,
            }),
            (error: OciError) => {
                assert.strictEqual(error.code, "DENIED");
                assert.match(
                    error.message,
                    /^Version 1\.0\.0 of .*\/helm\/nolock is published \(sha256:[a-f0-9]{64}\) but not locked\. lock /,
                );
                assert.match(error.message, /metadata_write/);
                assert.match(error.message, /lockAfterPush to false/);
                return true;
            },
        );
        const digest = await resolveTag({ registry: acr.host, client, repository: "helm/nolock", version: "1.0.0" });
        assert.deepStrictEqual(await setVersionWritable(client, "auto", "helm/nolock", "1.0.0", digest!, false), { applied: false });
    });

    it("deleteManifest unlocks a locked version before deleting it, and without unlocking names the lock", async () => {
        const client = newClient();
        const pushed = await pushChart({
            registry: acr.host,
            client,
            chart: await makeChart("gone", "1.0.0"),
            repository: "helm/gone",
            lockAfterPush: true,
        });
        await assert.rejects(
            deleteManifest({ registry: acr.host, client, repository: "helm/gone", digest: pushed.digest, unlockLocked: false }),
            (error: OciError) => {
                assert.strictEqual(error.status, 405);
                assert.match(error.message, /locked \(writeEnabled false\); unlock it first/);
                return true;
            },
        );
        acr.patches.length = 0;
        assert.strictEqual(
            await deleteManifest({ registry: acr.host, client, repository: "helm/gone", digest: pushed.digest, unlockLocked: true }),
            true,
        );
        assert.deepStrictEqual(
            acr.patches.map((p) => [p.path, p.body]),
            [
                [`/acr/v1/helm/gone/_manifests/${pushed.digest}`, { writeEnabled: true }],
                ["/acr/v1/helm/gone/_tags/1.0.0", { writeEnabled: true }],
            ],
        );
        assert.strictEqual(await resolveTag({ registry: acr.host, client, repository: "helm/gone", version: "1.0.0" }), undefined);
    });
});
