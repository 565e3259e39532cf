import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../components/chart/distribution/connection";
import { resolveTag } from "../../components/chart/helmOci/manage";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { ConsumerProject, createConsumerProject } from "./support/consumerProject";
import { PASSWORD, PublicationStacks, USERNAME } from "./support/publicationStacks";

interface StateResource {
    urn: string;
    type: string;
    custom?: boolean;
    parent?: string;
    outputs?: Record<string, unknown>;
}

const ARTIFACT_TYPE = "pulumi-nodejs:dynamic/acr-helm:ChartArtifact";
const COMPONENT_TYPE = "acr-helm:chart:ChartPublication";

/**
 * Rewrites an exported deployment into the shape earlier releases left: a ChartPublication component named after
 * the publication, with the publishing resource under it named `<name>-artifact`.
 */
function toFormerShape(exported: string): string {
    const state = JSON.parse(exported) as { deployment: { resources: StateResource[] } };
    const resources = state.deployment.resources;
    const index = resources.findIndex((resource) => resource.type === ARTIFACT_TYPE);
    const artifact = resources[index];
    const [prefix, name] = artifact.urn.split(`::${ARTIFACT_TYPE}::`);
    const componentUrn = `${prefix}::${COMPONENT_TYPE}::${name}`;
    const { ref, name: chartName, version, tag, digest } = artifact.outputs ?? {};
    const component: StateResource = {
        urn: componentUrn,
        custom: false,
        type: COMPONENT_TYPE,
        parent: artifact.parent,
        outputs: { ref, name: chartName, version, tag, digest },
    };
    resources.splice(index, 1, component, {
        ...artifact,
        urn: `${prefix}::${COMPONENT_TYPE}$${ARTIFACT_TYPE}::${name}-artifact`,
        parent: componentUrn,
    });
    return JSON.stringify(state);
}

describe("a stack published when ChartPublication was a component upgrades without touching the registry", function () {
    this.timeout(600_000);
    let registry: TestRegistry;
    let consumer: ConsumerProject;
    let stacks: PublicationStacks;

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

    it("the alias carries the published state over; only the empty component goes", async () => {
        const published = await stacks.create("upgrade");
        const first = await published.stack.up();
        assert.strictEqual(first.code, 0, first.output);
        const digest = String((await published.stack.outputs()).digest);
        const former = path.join(fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-upgrade-")), "state.json");
        try {
            fs.writeFileSync(former, toFormerShape(await published.stack.exportState()));
            await published.stack.expect(["stack", "import", "--file", former]);
        } finally {
            fs.rmSync(path.dirname(former), { recursive: true, force: true });
        }
        assert.match(await published.stack.exportState(), /chart-artifact/);

        const before = registry.requestCount();
        const preview = await published.stack.preview();
        assert.strictEqual(preview.code, 0, preview.output);
        assert.match(preview.output, /- acr-helm:chart:ChartPublication: \(delete\)/);
        assert.doesNotMatch(preview.output, /ChartArtifact: \((create|replace|update|delete)/);
        const up = await published.stack.up();
        assert.strictEqual(up.code, 0, up.output);
        assert.strictEqual(registry.requestCount() - before, 0, "neither the preview nor the up sent a request");

        const resources = (JSON.parse(await published.stack.exportState()) as { deployment: { resources: StateResource[] } }).deployment
            .resources;
        assert.deepStrictEqual(
            resources.filter((resource) => resource.type === COMPONENT_TYPE),
            [],
        );
        const artifact = resources.find((resource) => resource.type === ARTIFACT_TYPE);
        assert.match(String(artifact?.urn), new RegExp(`::${ARTIFACT_TYPE}::chart$`));
        assert.strictEqual(artifact?.outputs?.digest, digest);
        const connection = { registry: registry.host, credentials: { username: USERNAME, password: PASSWORD }, plainHttp: true };
        assert.strictEqual(await resolveTag({ ...connection, repository: published.repositoryPath, version: "0.1.0" }), digest);
        const settled = await published.stack.up(["--expect-no-changes"]);
        assert.strictEqual(settled.code, 0, settled.output);
    });
});
