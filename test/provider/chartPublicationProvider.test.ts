import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { ChartPublication } from "../../components/publication";
import { listChartVersions } from "../../chart/helmOci/list";
import { resolveTag } from "../../chart/helmOci/manage";
import { closeSharedClients } from "../../chart/distribution/connection";
import { isWrappedSecret } from "../../provider/secrets";
import { copyChart, removeCopy, setChartVersion } from "../support/chartCopies";
import { installMocks } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { asTheEngineSends, PluginResource, pluginResource } from "./pluginResource";

const PUBLICATION_TYPE = "acr-helm:index:ChartPublication";

describe("ChartPublication through the provider plugin, against a real registry", function () {
    this.timeout(120_000);
    let registry: TestRegistry;
    let chartDir: string;
    let provider: PluginResource;
    let declared: Record<string, unknown>;
    const credentials = { username: "admin", password: DEFAULT_USERS.admin.password };

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));
        const recorder = await installMocks();
        new ChartPublication("demo", {
            chartPath: chartDir,
            loginServer: registry.host,
            repository: "charts",
            credentials,
            plainHttp: true,
            provenance: false,
        });
        await recorder.settled();
        const artifact = recorder.one(PUBLICATION_TYPE);
        assert.strictEqual(artifact.inputs.__provider, undefined, "no provider code travels with the registration");
        assert.deepStrictEqual(artifact.secretPaths, ["credentials"]);
        provider = pluginResource(PUBLICATION_TYPE);
        declared = asTheEngineSends(artifact.inputs, artifact.secretPaths);
    });

    after(async () => {
        closeSharedClients();
        removeCopy(chartDir);
        await registry?.stop();
    });

    const connection = () => ({ registry: registry.host, credentials, plainHttp: true });

    it("create publishes what check planned, and an unchanged chart is no diff", async () => {
        const checked = await provider.check!({}, declared);
        assert.deepStrictEqual(checked.failures ?? [], []);
        const created = await provider.create!(checked.inputs);
        // The id names the repository: it stays when the publication moves to a new version.
        assert.strictEqual(created.id, `${registry.host}/charts/hello-acr`);
        assert.strictEqual(created.outs.ref, `oci://${registry.host}/charts/hello-acr`);
        assert.strictEqual(created.outs.digest, checked.inputs.expectedDigest);
        assert.ok(isWrappedSecret(checked.inputs.credentials), "check returns the credentials still secret");
        assert.ok(isWrappedSecret(created.outs.credentials), "create returns the credentials still secret");
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), created.outs.digest);

        const again = await provider.check!(created.outs, declared);
        const diff = await provider.diff!(created.id, created.outs, again.inputs);
        assert.strictEqual(diff.changes, false);
    });

    it("different content under the same version fails check, naming the fix, and leaves the registry alone", async () => {
        const { outs } = await createFresh();
        fs.appendFileSync(path.join(chartDir, "values.yaml"), "\nextra: true\n");
        const checked = await provider.check!(outs, declared);
        assert.strictEqual(checked.failures?.length, 1);
        assert.match(
            checked.failures![0].reason,
            /already published with different content.*bump 'version' in Chart\.yaml, or set allowOverwrite/,
        );
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), outs.digest);
    });

    it("with allowOverwrite the change is an in-place update that moves the tag", async () => {
        const { id, outs } = await createFresh();
        fs.appendFileSync(path.join(chartDir, "values.yaml"), "\noverwritten: true\n");
        const news = (await provider.check!(outs, { ...declared, allowOverwrite: true })).inputs;
        const diff = await provider.diff!(id, outs, news);
        assert.strictEqual(diff.changes, true);
        assert.deepStrictEqual(diff.replaces, []);
        const updated = await provider.update!(id, outs, news);
        assert.notStrictEqual(updated.outs.digest, outs.digest);
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), updated.outs.digest);
    });

    it("a new version is an update of the same publication and leaves the older version in the registry", async () => {
        const old = await createFresh();
        setChartVersion(chartDir, "0.2.0");
        const news = (await provider.check!(old.outs, declared)).inputs;
        const diff = await provider.diff!(old.id, old.outs, news);
        assert.strictEqual(diff.changes, true);
        assert.deepStrictEqual(diff.replaces, []);
        const updated = await provider.update!(old.id, old.outs, news);
        const versions = await listChartVersions({ ...connection(), repository: "charts/hello-acr" });
        assert.ok(versions.includes("0.2.0") && versions.includes("0.1.0"), `versions: ${versions.join(",")}`);
        await provider.delete!(old.id, updated.outs);
        assert.ok((await listChartVersions({ ...connection(), repository: "charts/hello-acr" })).includes("0.2.0"));
    });

    it("delete keeps the version unless deleteFromRegistryOnDestroy asks to remove it", async () => {
        const kept = await createFresh();
        await provider.delete!(kept.id, kept.outs);
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), kept.outs.digest);
        const removed = await createFresh({ deleteFromRegistryOnDestroy: true });
        await provider.delete!(removed.id, removed.outs);
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), undefined);
    });

    it("retainOnDelete from older programs still keeps the manifest, and contradicting it is refused", async () => {
        const { id, outs } = await createFresh({ retainOnDelete: true });
        await provider.delete!(id, outs);
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" }), outs.digest);
        const checked = await provider.check!({}, { ...declared, retainOnDelete: true, deleteFromRegistryOnDestroy: true });
        assert.strictEqual(checked.failures?.[0]?.property, "deleteFromRegistryOnDestroy");
        assert.match(checked.failures![0].reason, /contradicts retainOnDelete/);
    });

    it("read reports a moved tag's digest and drops a vanished tag", async () => {
        const { id, outs } = await createFresh();
        const moved = await provider.read!(id, { ...outs, digest: "sha256:" + "0".repeat(64) });
        assert.strictEqual(moved.id, id);
        assert.strictEqual(moved.props!.digest, outs.digest);
        await provider.delete!(id, { ...outs, deleteFromRegistryOnDestroy: true });
        const vanished = await provider.read!(id, outs);
        assert.strictEqual(vanished.id, "");
    });

    it("preview work (check and diff) makes no network calls: an unreachable registry does not matter", async () => {
        const offline = { ...declared, loginServer: "127.0.0.1:1" };
        const checked = await provider.check!({}, offline);
        assert.deepStrictEqual(checked.failures ?? [], []);
        assert.match(String(checked.inputs.expectedDigest), /^sha256:[a-f0-9]{64}$/);
        const diff = await provider.diff!(
            "x",
            { ...checked.inputs, digest: checked.inputs.expectedDigest, loginServer: "127.0.0.1:1" },
            checked.inputs,
        );
        assert.strictEqual(diff.changes, false);
    });

    it("wrong credentials fail create with the registry and user named, never the password", async () => {
        const wrong = asTheEngineSends({ ...declared, credentials: { username: "admin", password: "not-the-Secret-pa55" } }, [
            "credentials",
        ]);
        const checked = await provider.check!({}, wrong);
        await assert.rejects(provider.create!(checked.inputs), (error: Error) => {
            assert.match(
                error.message,
                new RegExp(`${registry.host.replace(/[.]/g, "\\.")}.*admin|admin.*${registry.host.replace(/[.]/g, "\\.")}`),
            );
            assert.ok(![JSON.stringify(error), error.message, String(error.stack)].join("\n").includes("not-the-Secret-pa55"));
            return true;
        });
    });

    /** Resets the chart to 0.1.0 and removes any earlier copy of it from the registry, then creates it. */
    async function createFresh(extra: Record<string, unknown> = {}) {
        fs.rmSync(chartDir, { recursive: true });
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        const existing = await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.1.0" });
        if (existing)
            await provider.delete!("reset", {
                ...declared,
                repositoryPath: "charts/hello-acr",
                version: "0.1.0",
                tag: "0.1.0",
                digest: existing,
                deleteFromRegistryOnDestroy: true,
            });
        const checked = await provider.check!({}, { ...declared, ...extra });
        const created = await provider.create!(checked.inputs);
        return { id: created.id, outs: created.outs as Record<string, unknown> };
    }
});
