import * as assert from "assert";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { listChartVersions } from "../../chart/helmOci/list";
import { resolveTag } from "../../chart/helmOci/manage";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { assertNoSecretsIn, backendFiles } from "../../scripts/local/secretScanner";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { setChartVersion } from "../../scripts/local/chartVersion";
import { repoRoot } from "../support/paths";
import { RawRegistryClient } from "../support/rawRegistry";
import { pushCosignStyleSignature } from "../copy/copySupport";
import { ConsumerProject, createConsumerProject } from "./support/consumerProject";
import { PROMOTION_PROGRAM } from "./support/promotionProgram";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

const DEV = { username: "dev-pusher", password: "dev-Secret-pa55-for-the-dev-registry" };
const PROD = { username: "prod-promoter", password: "prod-Secret-pa55-for-the-prod-registry" };
const PASSPHRASE = "promotion-passphrase-4e2a";
const WRONG_PROD_PASSWORD = "prod-Secret-pa55-with-a-typo";

describe("ChartPromotion in the real Pulumi engine: a prod stack promotes the digest the dev stack published", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let dev: TestRegistry;
    let prod: TestRegistry;
    let consumer: ConsumerProject;
    let stack: PulumiStack;
    let root: string;
    let chartDir: string;
    const digests: Record<string, string> = {};
    const prodConnection = () => ({ registry: prod.host, credentials: PROD, plainHttp: true });
    /** The output of every pulumi command this suite runs, searched for secrets at the end. */
    const pulumiOutputs: string[] = [];
    const kept = <T extends { output: string }>(run: T): T => {
        pulumiOutputs.push(run.output);
        return run;
    };

    /** What the dev stack's ChartPublication would publish: the demo chart at `version` in dev/hello-acr. */
    async function publishToDev(version: string): Promise<string> {
        setChartVersion(chartDir, version);
        const pushed = await pushChart({
            registry: dev.host,
            credentials: DEV,
            plainHttp: true,
            chart: await packageChart(chartDir),
            repository: "dev/hello-acr",
        });
        return pushed.digest;
    }

    before(async function () {
        this.timeout(300_000);
        [dev, prod] = await Promise.all([
            startRegistry({
                auth: "htpasswd",
                accessLog: true,
                users: { [DEV.username]: { password: DEV.password, actions: ["pull", "push"] } },
            }),
            startRegistry({
                auth: "htpasswd",
                accessLog: true,
                users: { [PROD.username]: { password: PROD.password, actions: ["pull", "push", "delete"] } },
            }),
        ]);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-promotion-"));
        chartDir = path.join(root, "hello-acr");
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        digests["0.1.0"] = await publishToDev("0.1.0");
        await pushCosignStyleSignature(
            new RawRegistryClient(dev.host, DEV.username, DEV.password),
            "dev/hello-acr",
            digests["0.1.0"],
            "MEUCIQ-dev-signature",
        );
        consumer = createConsumerProject(PROMOTION_PROGRAM);
        const workspace = new PulumiWorkspace({ projectDir: consumer.dir, backendDir: path.join(root, "state"), passphrase: PASSPHRASE });
        stack = new PulumiStack(workspace, "prod");
        await stack.init();
        const config = {
            devRegistry: dev.host,
            devUsername: DEV.username,
            prodRegistry: prod.host,
            prodUsername: PROD.username,
            version: "0.1.0",
            digest: digests["0.1.0"],
        };
        for (const [key, value] of Object.entries(config)) await stack.setConfig(key, value);
        await stack.setConfig("devPassword", DEV.password, { secret: true });
        await stack.setConfig("prodPassword", PROD.password, { secret: true });
    });
    after(async () => {
        closeSharedClients();
        consumer?.dispose();
        if (root) fs.rmSync(root, { recursive: true, force: true });
        await Promise.all([dev?.stop(), prod?.stop()]);
    });

    it("the first preview plans the promotion without a request to either registry", async () => {
        const requests = { dev: await RegistryRequests.start(dev), prod: await RegistryRequests.start(prod) };
        const preview = kept(await stack.preview());
        assert.strictEqual(preview.code, 0, preview.output);
        assert.match(preview.output, /\+ acr-helm:index:PromotedChart: \(create\)/);
        assert.deepStrictEqual([...(await requests.dev.settled()), ...(await requests.prod.settled())], []);
    });

    it("up copies exactly the dev digest, with its signature, into prod", async () => {
        const up = kept(await stack.up());
        assert.strictEqual(up.code, 0, up.output);
        const outputs = await stack.outputs();
        assert.strictEqual(outputs.ref, `oci://${prod.host}/prod/hello-acr`);
        assert.strictEqual(outputs.version, "0.1.0");
        assert.strictEqual(outputs.digest, digests["0.1.0"]);
        assert.deepStrictEqual(outputs.signatures, [`${digests["0.1.0"].replace(":", "-")}.sig`]);
        assert.strictEqual(await resolveTag({ ...prodConnection(), repository: "prod/hello-acr", version: "0.1.0" }), digests["0.1.0"]);
    });

    it("an unchanged up and preview find no changes and send nothing to either registry", async () => {
        const requests = { dev: await RegistryRequests.start(dev), prod: await RegistryRequests.start(prod) };
        const up = kept(await stack.up(["--expect-no-changes"]));
        assert.strictEqual(up.code, 0, up.output);
        const preview = kept(await stack.preview(["--expect-no-changes"]));
        assert.strictEqual(preview.code, 0, preview.output);
        assert.deepStrictEqual(await requests.dev.settled(), []);
        assert.deepStrictEqual(await requests.prod.settled(), []);
    });

    it("a version bump promotes 0.2.0 as an update; 0.1.0 stays in prod", async () => {
        digests["0.2.0"] = await publishToDev("0.2.0");
        await stack.setConfig("version", "0.2.0");
        await stack.setConfig("digest", digests["0.2.0"]);
        const preview = kept(await stack.preview());
        assert.match(preview.output, /~ acr-helm:index:PromotedChart: \(update\)/);
        assert.doesNotMatch(preview.output, /\((replace|delete)\)/);
        const up = kept(await stack.up());
        assert.strictEqual(up.code, 0, up.output);
        assert.strictEqual((await stack.outputs()).digest, digests["0.2.0"]);
        assert.deepStrictEqual(await listChartVersions({ ...prodConnection(), repository: "prod/hello-acr" }), ["0.2.0", "0.1.0"]);
    });

    it("the dev tag moving to untested content afterwards changes nothing: refresh and up keep the pinned digest in prod", async () => {
        // The dev tag moves to untested content; the pinned digest is still what gets promoted.
        fs.appendFileSync(path.join(chartDir, "values.yaml"), "\nuntested: true\n");
        await pushChart({
            registry: dev.host,
            credentials: DEV,
            plainHttp: true,
            chart: await packageChart(chartDir),
            repository: "dev/hello-acr",
            allowOverwrite: true,
        });
        const refresh = kept(await stack.run(["refresh", "--yes", "--skip-preview"]));
        assert.strictEqual(refresh.code, 0, refresh.output);
        const up = kept(await stack.up(["--expect-no-changes"]));
        assert.strictEqual(up.code, 0, up.output);
        assert.strictEqual(await resolveTag({ ...prodConnection(), repository: "prod/hello-acr", version: "0.2.0" }), digests["0.2.0"]);
    });

    it("a promotion with a wrong prod password fails naming the registry, and writes nothing to prod", async () => {
        const requests = await RegistryRequests.start(prod);
        await stack.setConfig("version", "0.3.0");
        await stack.setConfig("digest", await publishToDev("0.3.0"));
        await stack.setConfig("prodPassword", WRONG_PROD_PASSWORD, { secret: true });
        const failed = kept(await stack.up());
        assert.notStrictEqual(failed.code, 0, failed.output);
        assert.ok(failed.output.includes(prod.host), failed.output);
        assert.ok((await requests.settled()).length > 0, "the failed up reached the prod registry");
        assert.deepStrictEqual(await requests.settledWrites(), []);
        await stack.setConfig("prodPassword", PROD.password, { secret: true });
        await stack.setConfig("version", "0.2.0");
        await stack.setConfig("digest", digests["0.2.0"]);
    });

    it("no secret appears in plain text in the exported state, any backend file, or any pulumi output (the failed up's too)", async () => {
        const exported = await stack.exportState();
        assert.match(exported, /"ciphertext"/);
        assert.ok(pulumiOutputs.length >= 8, `only ${pulumiOutputs.length} pulumi outputs kept`);
        assertNoSecretsIn(
            [{ where: "pulumi stack export", text: exported }, ...backendFiles(path.join(root, "state")), ...pulumiOutputs],
            [
                { name: "dev password", value: DEV.password, username: DEV.username },
                { name: "prod password", value: PROD.password, username: PROD.username },
                { name: "wrong prod password", value: WRONG_PROD_PASSWORD, username: PROD.username },
                { name: "stack passphrase", value: PASSPHRASE },
            ],
            "the state, the backend's files and pulumi's output",
        );
    });

    it("destroy keeps every promoted version in prod", async () => {
        const destroy = kept(await stack.run(["destroy", "--yes", "--skip-preview"]));
        assert.strictEqual(destroy.code, 0, destroy.output);
        assert.doesNotMatch(await stack.exportState(), /PromotedChart/);
        assert.deepStrictEqual(await listChartVersions({ ...prodConnection(), repository: "prod/hello-acr" }), ["0.2.0", "0.1.0"]);
        assert.strictEqual(await resolveTag({ ...prodConnection(), repository: "prod/hello-acr", version: "0.2.0" }), digests["0.2.0"]);
    });
});
