import * as assert from "assert";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import * as fs from "fs";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { listChartVersions } from "../../chart/helmOci/list";
import { deleteManifest } from "../../chart/distribution/deleteManifest";
import { resolveTag } from "../../chart/helmOci/manage";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { assertNoSecretsIn, backendFiles } from "../../scripts/local/secretScanner";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { repoRoot } from "../support/paths";
import { ConsumerProject, createConsumerProject } from "./support/consumerProject";
import { HoldingProxy } from "./support/holdingProxy";
import { killTree } from "../../scripts/local/processTree";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import {
    changeChartContent,
    PASSPHRASE,
    PASSWORD,
    PublicationStack,
    PublicationStacks,
    setChartVersion,
    USERNAME,
} from "./support/publicationStacks";

/** The ChartPublication's outputs in `pulumi stack export` output. */
function artifactState(exported: string): Record<string, unknown> {
    const resources = (JSON.parse(exported) as { deployment: { resources: { type: string; outputs: Record<string, unknown> }[] } })
        .deployment.resources;
    const artifact = resources.find((resource) => resource.type === "acr-helm:index:ChartPublication");
    if (!artifact) throw new Error("no ChartPublication in the state");
    return artifact.outputs;
}

describe("ChartPublication in the real Pulumi engine, from the package as npm pack makes it", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(600_000);
    let registry: TestRegistry;
    let consumer: ConsumerProject;
    let stacks: PublicationStacks;
    const connection = () => ({ registry: registry.host, credentials: { username: USERNAME, password: PASSWORD }, plainHttp: true });
    const tagDigest = (repositoryPath: string, version = "0.1.0") => resolveTag({ ...connection(), repository: repositoryPath, version });

    before(async function () {
        this.timeout(300_000);
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        consumer = createConsumerProject();
        stacks = new PublicationStacks(consumer, registry);
    });

    after(async () => {
        closeSharedClients();
        stacks?.dispose();
        consumer?.dispose();
        await registry?.stop();
    });

    it("installs from the tarball, and a program with nested-Input credentials compiles against its types", () => {
        const installed = path.join(consumer.dir, "node_modules", "pulumi-acr-helm");
        assert.strictEqual(fs.lstatSync(installed).isSymbolicLink(), false);
        assert.ok(fs.existsSync(path.join(installed, "provider", "pulumi-resource-acr-helm")), "the plugin's launcher is installed");
        assert.ok(fs.existsSync(path.join(installed, "dist", "provider", "index.js")));
        assert.ok(fs.existsSync(path.join(consumer.dir, "bin", "index.js")), "tsc compiled the program");
    });

    describe("one stack through its life", () => {
        let published: PublicationStack;
        let firstDigest: string;

        before(async () => {
            published = await stacks.create("life");
        });

        it("the first preview plans the publication and sends no request to the registry", async () => {
            const requests = await RegistryRequests.start(registry);
            const preview = await published.stack.preview();
            assert.strictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /\+ acr-helm:index:ChartPublication: \(create\)/);
            assert.deepStrictEqual(await requests.settled(), []);
        });

        it("up publishes the chart, and the registry's tag holds the digest the stack reports", async () => {
            const up = await published.stack.up();
            assert.strictEqual(up.code, 0, up.output);
            const outputs = await published.stack.outputs();
            assert.strictEqual(outputs.ref, `oci://${registry.host}/life/hello-acr`);
            assert.strictEqual(outputs.version, "0.1.0");
            firstDigest = String(outputs.digest);
            assert.match(firstDigest, /^sha256:[a-f0-9]{64}$/);
            assert.strictEqual(await tagDigest(published.repositoryPath), firstDigest);
        });

        it("an unchanged up and preview find no changes and send no request to the registry", async () => {
            const requests = await RegistryRequests.start(registry);
            const up = await published.stack.up(["--expect-no-changes"]);
            assert.strictEqual(up.code, 0, up.output);
            const preview = await published.stack.preview(["--expect-no-changes"]);
            assert.strictEqual(preview.code, 0, preview.output);
            assert.deepStrictEqual(await requests.settled(), []);
        });

        it("different content under the published version is refused at preview, naming the fix, and nothing is sent", async () => {
            changeChartContent(published.chartDir, "same version, new content");
            const requests = await RegistryRequests.start(registry);
            const preview = await published.stack.preview();
            assert.notStrictEqual(preview.code, 0);
            assert.match(preview.output, /already published with different content/);
            assert.match(preview.output, /bump 'version' in Chart\.yaml, or set allowOverwrite/);
            const up = await published.stack.up();
            assert.notStrictEqual(up.code, 0);
            assert.deepStrictEqual(await requests.settled(), []);
            assert.strictEqual(await tagDigest(published.repositoryPath), firstDigest);
        });

        it("allowOverwrite publishes the new content under the same version", async () => {
            await published.stack.setConfig("allowOverwrite", "true");
            const up = await published.stack.up();
            assert.strictEqual(up.code, 0, up.output);
            const moved = String((await published.stack.outputs()).digest);
            assert.notStrictEqual(moved, firstDigest);
            assert.strictEqual(await tagDigest(published.repositoryPath), moved);
            await published.stack.setConfig("allowOverwrite", "false");
        });

        it("a version bump is an update: 0.2.0 is published and 0.1.0 stays in the registry", async () => {
            setChartVersion(published.chartDir, "0.2.0");
            const preview = await published.stack.preview();
            assert.match(preview.output, /~ acr-helm:index:ChartPublication: \(update\)/);
            assert.doesNotMatch(preview.output, /\((replace|delete)\)|to (replace|delete)/);
            const up = await published.stack.up();
            assert.strictEqual(up.code, 0, up.output);
            assert.strictEqual((await published.stack.outputs()).version, "0.2.0");
            assert.deepStrictEqual(await listChartVersions({ ...connection(), repository: published.repositoryPath }), ["0.2.0", "0.1.0"]);
        });

        it("destroy leaves every published version in the registry", async () => {
            const destroy = await published.stack.run(["destroy", "--yes", "--skip-preview"]);
            assert.strictEqual(destroy.code, 0, destroy.output);
            assert.doesNotMatch(await published.stack.exportState(), /ChartPublication/);
            assert.deepStrictEqual(await listChartVersions({ ...connection(), repository: published.repositoryPath }), ["0.2.0", "0.1.0"]);
        });
    });

    it("deleteFromRegistryOnDestroy removes the current version on destroy", async () => {
        const published = await stacks.create("removal", { deleteFromRegistryOnDestroy: "true" });
        const up = await published.stack.up();
        assert.strictEqual(up.code, 0, up.output);
        assert.ok(await tagDigest(published.repositoryPath));
        const destroy = await published.stack.run(["destroy", "--yes", "--skip-preview"]);
        assert.strictEqual(destroy.code, 0, destroy.output);
        assert.strictEqual(await tagDigest(published.repositoryPath), undefined);
    });

    it("a chart helm lint complains about is published, with the provider's warning in preview and up", async () => {
        const published = await stacks.create("warned");
        setChartVersion(published.chartDir, "v0.1.0");
        const warning = /warning: \S*Chart\.yaml: version "v0\.1\.0" is not strict SemVer 2: it is published under the tag "v0\.1\.0"/;
        const preview = await published.stack.preview();
        assert.strictEqual(preview.code, 0, preview.output);
        assert.match(preview.output, warning);
        const up = await published.stack.up();
        assert.strictEqual(up.code, 0, up.output);
        assert.match(up.output, warning);
        assert.ok(await tagDigest(published.repositoryPath, "v0.1.0"));
    });

    it("refresh drops a publication whose tag was deleted out of band, and the next up publishes it again", async () => {
        const published = await stacks.create("vanished");
        assert.strictEqual((await published.stack.up()).code, 0);
        const digest = (await tagDigest(published.repositoryPath))!;
        await deleteManifest({ ...connection(), repository: published.repositoryPath, digest });
        const refresh = await published.stack.run(["refresh", "--yes", "--skip-preview"]);
        assert.strictEqual(refresh.code, 0, refresh.output);
        assert.match(refresh.output, /ChartPublication\s+chart\s+deleted/);
        const preview = await published.stack.preview();
        assert.match(preview.output, /\+ acr-helm:index:ChartPublication: \(create\)/);
        assert.strictEqual((await published.stack.up()).code, 0);
        assert.strictEqual(await tagDigest(published.repositoryPath), digest);
    });

    it("refresh records a tag moved to other content out of band; preview then refuses to overwrite it, naming the fix", async () => {
        const published = await stacks.create("moved");
        assert.strictEqual((await published.stack.up()).code, 0);
        const ours = (await tagDigest(published.repositoryPath))!;
        const other = path.join(published.chartDir, "..", "other");
        fs.cpSync(published.chartDir, other, { recursive: true });
        changeChartContent(other, "pushed by someone else");
        const theirs = await pushChart({
            ...connection(),
            chart: await packageChart(other),
            repository: published.repositoryPath,
            allowOverwrite: true,
        });
        const refresh = await published.stack.run(["refresh", "--yes", "--skip-preview"]);
        assert.strictEqual(refresh.code, 0, refresh.output);
        assert.match(refresh.output, /ChartPublication\s+chart\s+updated/);
        assert.strictEqual(artifactState(await published.stack.exportState()).digest, theirs.digest);
        const preview = await published.stack.preview();
        assert.notStrictEqual(preview.code, 0);
        assert.match(preview.output, new RegExp(`already published with different content \\(${theirs.digest}\\).*set allowOverwrite`));
        const up = await published.stack.up();
        assert.notStrictEqual(up.code, 0);
        assert.notStrictEqual(theirs.digest, ours);
        assert.strictEqual(await tagDigest(published.repositoryPath), theirs.digest, "someone else's content is not overwritten");
    });

    it("pulumi up killed with SIGKILL during the push leaves no tag; cancel, refresh --clear-pending-creates and up recover", async () => {
        const proxy = new HoldingProxy(Number(registry.host.split(":")[1]), {
            method: "PUT",
            path: /^\/v2\/interrupted\/hello-acr\/manifests\//,
        });
        await proxy.start();
        try {
            const published = await stacks.create("interrupted", {}, proxy.host);
            let pid = 0;
            const running = published.stack.up([], { onStart: (started) => (pid = started) });
            await proxy.held;
            // The engine starts its plugins (language host, the acr-helm provider) in process groups of their own.
            killTree(pid);
            const killed = await running;
            assert.strictEqual(killed.signal, "SIGKILL");
            assert.strictEqual(await tagDigest(published.repositoryPath), undefined, "no tag after the interrupted push");
            proxy.passThrough();
            const locked = await published.stack.up();
            assert.match(locked.output, /the stack is currently locked/);
            const cancel = await published.stack.workspace.run(["cancel", "--yes", "--stack", published.stack.name]);
            assert.strictEqual(cancel.code, 0, cancel.output);
            const refresh = await published.stack.run(["refresh", "--yes", "--skip-preview", "--clear-pending-creates"]);
            assert.strictEqual(refresh.code, 0, refresh.output);
            const recovered = await published.stack.up();
            assert.strictEqual(recovered.code, 0, recovered.output);
            assert.match(recovered.output, /ChartPublication\s+chart\s+created/);
            const digest = String((await published.stack.outputs()).digest);
            assert.strictEqual(await tagDigest(published.repositoryPath), digest);
            const settled = await published.stack.up(["--expect-no-changes"]);
            assert.strictEqual(settled.code, 0, settled.output);
            assert.doesNotMatch(settled.output, /pending operations/);
        } finally {
            await proxy.stop();
        }
    });

    it("state holds no provider code: no dynamic resource, no serialized provider, no path of this package", async () => {
        const published = await stacks.create("portable");
        assert.strictEqual((await published.stack.up()).code, 0);
        const exported = await published.stack.exportState();
        const types = (JSON.parse(exported) as { deployment: { resources: { type: string }[] } }).deployment.resources.map((r) => r.type);
        assert.ok(types.includes("acr-helm:index:ChartPublication"), types.join(", "));
        assert.ok(types.includes("pulumi:providers:acr-helm"), types.join(", "));
        assert.ok(!types.some((type) => type.startsWith("pulumi-nodejs:dynamic")), types.join(", "));
        assert.doesNotMatch(exported, /__provider|pulumi-acr-helm\/provider|require\(/);
        for (const local of [path.join(consumer.dir, "node_modules"), repoRoot])
            assert.ok(!exported.includes(local), `state mentions ${local}`);
    });

    it("no secret appears in plain text in the state, the backend's files, or pulumi's output, also of a failed up", async () => {
        const published = await stacks.create("secrets");
        const outputs: string[] = [];
        const preview = await published.stack.preview();
        const up = await published.stack.up();
        assert.strictEqual(up.code, 0, up.output);
        outputs.push(preview.output, up.output);
        const exported = await published.stack.exportState();
        assert.match(exported, /"ciphertext"/, "the credentials are stored encrypted");
        const wrongPassword = "wrong-Secret-pa55-0f-a-typo";
        await published.stack.setConfig("registryPassword", wrongPassword, { secret: true });
        setChartVersion(published.chartDir, "0.3.0");
        const failed = await published.stack.up();
        assert.notStrictEqual(failed.code, 0, "a push with a wrong password fails");
        assert.match(failed.output, new RegExp(USERNAME));
        outputs.push(failed.output, (await published.stack.preview()).output);
        assertNoSecretsIn(
            [{ where: "pulumi stack export", text: exported }, ...backendFiles(published.backendDir), ...outputs],
            [
                { name: "registry password", value: PASSWORD, username: USERNAME },
                { name: "wrong registry password", value: wrongPassword, username: USERNAME },
                { name: "stack passphrase", value: PASSPHRASE },
            ],
            "the state, the backend's files and pulumi's output",
        );
    });
});
