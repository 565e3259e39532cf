import * as assert from "assert";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import * as fs from "fs";
import { repoRoot } from "../support/paths";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { resolveTag } from "../../chart/helmOci/manage";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { ConsumerProject, createConsumerProject, upgradeToThisPackage } from "./support/consumerProject";
import { LAST_0_2_0_COMMIT, LAST_DYNAMIC_PROVIDER_COMMIT, packFormerRelease } from "./support/formerPackage";
import { PASSPHRASE, PASSWORD, PublicationStacks, USERNAME } from "./support/publicationStacks";
import { assertNoSecretsIn, backendFiles, ScannedText } from "../../scripts/local/secretScanner";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { LocalCluster, startLocalCluster } from "../../scripts/local/kubeApiServer";

const NAMESPACE = "ns-upgrade";

/**
 * Publishes a chart, promotes it to a second namespace (both removed from the registry on destroy) and installs it
 * in the cluster with ChartRelease, which fetches it through its chart download.
 */
const PROGRAM = `import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartPromotion, ChartPublication, ChartRelease } from "pulumi-acr-helm";

const config = new pulumi.Config();
const credentials = { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") };
const loginServer = config.require("registry");
const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer,
    namespace: config.require("repository"),
    credentials,
    plainHttp: true,
    provenance: false,
    deleteFromRegistryOnDestroy: true,
});
const promotion = new ChartPromotion("promoted", {
    source: { loginServer, namespace: config.require("repository"), credentials, plainHttp: true },
    destination: { loginServer, namespace: config.require("repository") + "-prod", credentials, plainHttp: true },
    chart: publication.name,
    version: publication.version,
    digest: publication.digest,
    deleteFromRegistryOnDestroy: true,
});
const cluster = new k8s.Provider("cluster", { kubeconfig: config.requireSecret("kubeconfig") });
const release = new ChartRelease("release", {
    provider: cluster,
    chart: publication.ref,
    version: publication.version,
    digest: publication.digest,
    registryCredentials: credentials,
    plainHttp: true,
    publication,
    namespace: config.require("namespace"),
    skipAwait: true,
    atomic: false,
});
export const digest = publication.digest;
export const promotedDigest = promotion.digest;
export const releaseStatus = release.status;
`;

/**
 * The default provider the engine makes for the plugin the package declares in package.json, named after its version
 * and download server, e.g. `default_0_2_0_github_/api.github.com/pulumi-acr-helm/pulumi-acr-helm`.
 */
function declaredDefaultProvider(): string {
    const { version, pulumi } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as {
        version: string;
        pulumi: { server: string };
    };
    return `default_${version.replace(/\./g, "_")}_${pulumi.server.replace("://", "_/")}`;
}

/** `<package>::<name>` of a provider reference (`<urn>::<id>`), or "" for none. */
function providerName(reference: string | undefined): string {
    if (!reference) return "";
    const urn = reference.slice(0, reference.lastIndexOf("::"));
    return `${urn.split("::")[2]?.replace("pulumi:providers:", "")}::${urn.split("::").slice(3).join("::")}`;
}

interface StateResource {
    urn: string;
    type: string;
    provider?: string;
    outputs?: Record<string, unknown>;
}

function resourcesOf(exported: string): StateResource[] {
    return (JSON.parse(exported) as { deployment: { resources: StateResource[] } }).deployment.resources;
}

describe(`stacks deployed by the releases at ${LAST_DYNAMIC_PROVIDER_COMMIT} (dynamic) and ${LAST_0_2_0_COMMIT} (0.2.0) upgrade to this package`, function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let registry: TestRegistry;
    let consumer: ConsumerProject;
    let stacks: PublicationStacks;
    const formerDirs: string[] = [];
    let cluster: LocalCluster;

    /** Revisions Helm recorded for releases in the namespace: a release untouched by the upgrade keeps one. */
    async function helmRevisions(): Promise<string[]> {
        const response = await cluster.apiRequest(`/api/v1/namespaces/${NAMESPACE}/secrets`);
        assert.strictEqual(response.status, 200, response.body);
        return (JSON.parse(response.body) as { items: { metadata: { name: string } }[] }).items
            .map((item) => item.metadata.name)
            .filter((name) => name.startsWith("sh.helm.release."));
    }

    before(async function () {
        this.timeout(600_000);
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        cluster = await startLocalCluster();
        const former = packFormerRelease();
        formerDirs.push(former.dir);
        consumer = createConsumerProject(PROGRAM, ["@pulumi/kubernetes@4.34.2"], former);
        stacks = new PublicationStacks(consumer, registry);
    });

    after(async () => {
        closeSharedClients();
        stacks?.dispose();
        consumer?.dispose();
        for (const dir of formerDirs) fs.rmSync(dir, { recursive: true, force: true });
        await cluster?.stop();
        await registry?.stop();
    });

    it("with deleteFromRegistryOnDestroy set: no create, delete or replace, no write to the registry, the same digests", async () => {
        const published = await stacks.create("upgrade", { namespace: NAMESPACE });
        await published.stack.setConfig("kubeconfig", cluster.kubeconfig, { secret: true });
        const writes = await RegistryRequests.start(registry);
        const first = await published.stack.up();
        assert.strictEqual(first.code, 0, first.output);
        const texts: ScannedText[] = [{ where: "the former release's up", text: first.output }];
        assert.ok((await writes.settledWrites()).length > 0, "the counter counts the former release's pushes (positive control)");
        const before = resourcesOf(await published.stack.exportState());
        for (const dynamicType of ["ChartArtifact", "ChartDownload", "PromotedChart"]) {
            const type = `pulumi-nodejs:dynamic/acr-helm:${dynamicType}`;
            assert.ok(
                before.some((resource) => resource.type === type),
                `former state holds a ${type}`,
            );
        }
        const revisionsBefore = await helmRevisions();
        assert.strictEqual(revisionsBefore.length, 1, "the former release installed the chart once");
        const { digest, promotedDigest, releaseStatus } = await published.stack.outputs();

        upgradeToThisPackage(consumer);
        const sinceUpgrade = await RegistryRequests.start(registry);
        const preview = await published.stack.preview();
        assert.strictEqual(preview.code, 0, preview.output);
        texts.push({ where: "the upgrade's preview", text: preview.output });
        assert.doesNotMatch(preview.output, /\((create|delete|replace|create-replacement|delete-replaced)\)/);
        assert.match(preview.output, /~ acr-helm:index:ChartPublication: \(update\)/);
        assert.doesNotMatch(
            preview.output,
            /kubernetes:helm.sh\/v3:Release: \(update\)/,
            `the installed release is not touched:\n${preview.output}`,
        );
        const up = await published.stack.up();
        assert.strictEqual(up.code, 0, up.output);
        texts.push({ where: "the upgrade's up", text: up.output });
        assert.doesNotMatch(up.output, /\b(created|deleted|replaced)\b/);
        assert.deepStrictEqual(await sinceUpgrade.settledWrites(), [], "no write request during the upgrade");

        const exported = await published.stack.exportState();
        texts.push({ where: "pulumi stack export after the upgrade", text: exported });
        const after = resourcesOf(exported);
        assert.deepStrictEqual(
            after.filter((resource) => resource.type.startsWith("pulumi-nodejs")).map((resource) => resource.type),
            [],
        );
        assert.doesNotMatch(await published.stack.exportState(), /__provider/);
        // Each chart resource sits under the default provider of the plugin the package declares (its version and server).
        const chartResources = after.filter((resource) => resource.type.startsWith("acr-helm:index:"));
        assert.deepStrictEqual(chartResources.map((resource) => resource.type).sort(), [
            "acr-helm:index:ChartDownload",
            "acr-helm:index:ChartPublication",
            "acr-helm:index:PromotedChart",
        ]);
        for (const resource of chartResources)
            assert.strictEqual(providerName(resource.provider), `acr-helm::${declaredDefaultProvider()}`, resource.urn);
        assert.deepStrictEqual(await published.stack.outputs(), { digest, promotedDigest, releaseStatus });
        assert.deepStrictEqual(await helmRevisions(), revisionsBefore, "no new Helm revision");
        const settled = await published.stack.up(["--expect-no-changes"]);
        assert.strictEqual(settled.code, 0, settled.output);
        texts.push({ where: "the up after the upgrade", text: settled.output });

        // The upgraded state still does what it says: destroy removes both versions, as the program asked.
        const destroy = await published.stack.run(["destroy", "--yes", "--skip-preview"]);
        assert.strictEqual(destroy.code, 0, destroy.output);
        texts.push({ where: "destroy", text: destroy.output }, ...backendFiles(published.backendDir));
        assertNoSecretsIn(
            texts,
            [
                { name: "registry password", value: PASSWORD, username: USERNAME },
                { name: "API server token", value: cluster.token },
                { name: "stack passphrase", value: PASSPHRASE },
            ],
            "pulumi's output and the state, before and after the upgrade",
        );
        const connection = { registry: registry.host, credentials: { username: USERNAME, password: PASSWORD }, plainHttp: true };
        assert.strictEqual(await resolveTag({ ...connection, repository: "upgrade/hello-acr", version: "0.1.0" }), undefined);
        assert.strictEqual(await resolveTag({ ...connection, repository: "upgrade-prod/hello-acr", version: "0.1.0" }), undefined);
    });

    it("from 0.2.0, whose resources already ran in the plugin: no change at all in preview or up, no write to the registry", async () => {
        const former = packFormerRelease(LAST_0_2_0_COMMIT);
        formerDirs.push(former.dir);
        const project = createConsumerProject(PROGRAM, ["@pulumi/kubernetes@4.34.2"], { tarball: former.tarball, pluginEntry: true });
        const upgraded = new PublicationStacks(project, registry);
        try {
            const published = await upgraded.create("from020", { namespace: `${NAMESPACE}-020` });
            await published.stack.setConfig("kubeconfig", cluster.kubeconfig, { secret: true });
            const writes = await RegistryRequests.start(registry);
            const first = await published.stack.up();
            assert.strictEqual(first.code, 0, first.output);
            assert.ok((await writes.settledWrites()).length > 0, "the counter counts 0.2.0's pushes (positive control)");
            const before = await published.stack.exportState();
            const outputs = await published.stack.outputs();

            upgradeToThisPackage(project);
            const sinceUpgrade = await RegistryRequests.start(registry);
            const preview = await published.stack.preview(["--expect-no-changes"]);
            assert.strictEqual(preview.code, 0, preview.output);
            const up = await published.stack.up(["--expect-no-changes"]);
            assert.strictEqual(up.code, 0, up.output);
            assert.deepStrictEqual(await sinceUpgrade.settledWrites(), [], "no write request during the upgrade");
            assert.deepStrictEqual(await published.stack.outputs(), outputs);
            // 0.2.0 declared no plugin in package.json, so its resources sat under the unversioned default provider;
            // now the engine puts them under the declared one, which it does without touching them (no step above).
            const placed = (exported: string) =>
                resourcesOf(exported)
                    .filter((resource) => resource.type !== "pulumi:providers:acr-helm")
                    .map((resource) => `${resource.urn} ${providerName(resource.provider)}`)
                    .sort();
            const moved = placed(before).map((line) => line.replace(/ acr-helm::default$/, ` acr-helm::${declaredDefaultProvider()}`));
            assert.deepStrictEqual(
                placed(await published.stack.exportState()),
                moved,
                "the same resources; chart resources under the declared provider",
            );
            const destroy = await published.stack.run(["destroy", "--yes", "--skip-preview"]);
            assert.strictEqual(destroy.code, 0, destroy.output);
            assertNoSecretsIn(
                [first.output, preview.output, up.output, destroy.output, before, ...backendFiles(published.backendDir)],
                [
                    { name: "registry password", value: PASSWORD, username: USERNAME },
                    { name: "API server token", value: cluster.token },
                    { name: "stack passphrase", value: PASSPHRASE },
                ],
                "pulumi's output and the state of the upgrade from 0.2.0",
            );
        } finally {
            upgraded.dispose();
            project.dispose();
        }
    });
});
