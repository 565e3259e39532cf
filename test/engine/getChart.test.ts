import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients, openRepository } from "../../chart/distribution/connection";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { readCosignSigningKey } from "../../chart/signing/cosign/cosignKeys";
import { ensureBundleSignature } from "../../chart/signing/sigstore/ensureBundle";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { assertNoSecretsIn } from "../../scripts/local/secretScanner";
import { CosignKey, TestKeys } from "../chart/signing/testKeys";
import { repoRoot } from "../support/paths";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { ConsumerProject, createConsumerProject, createYamlProject } from "./support/consumerProject";
import { GET_CHART_PROGRAM, GET_CHART_YAML } from "./support/getChartPrograms";

const USERNAME = "lookup";
const PASSWORD = "lookup-Secret-0f-getChart-4c1";
const PASSPHRASE = "getChart-stack-passphrase";

describe("getChart in the real Pulumi engine: a range resolved and its signature verified, from TypeScript and YAML", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let registry: TestRegistry;
    let keys: TestKeys;
    let cosign: CosignKey;
    let root: string;
    const digests: Record<string, string> = {};
    const projects: ConsumerProject[] = [];

    /** Publishes hello-acr at `version` to lookup/hello-acr, with a Sigstore bundle by the cosign key when `signed`. */
    async function publish(version: string, signed: boolean): Promise<void> {
        const dir = path.join(root, `chart-${version}`);
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), dir, { recursive: true });
        const chartYaml = path.join(dir, "Chart.yaml");
        fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, "utf8").replace(/^version: .*$/m, `version: ${version}`));
        const connection = { registry: registry.host, credentials: { username: USERNAME, password: PASSWORD }, plainHttp: true };
        const pushed = await pushChart({ ...connection, repository: "lookup/hello-acr", chart: await packageChart(dir) });
        digests[version] = pushed.digest;
        if (signed) {
            const key = readCosignSigningKey(cosign.privatePem, undefined, "test");
            await ensureBundleSignature(openRepository(connection, "lookup/hello-acr"), pushed.digest, key);
        }
    }

    async function stackIn(project: ConsumerProject, name: string, version: string): Promise<PulumiStack> {
        const workspace = new PulumiWorkspace({
            projectDir: project.dir,
            backendDir: path.join(root, `state-${name}`),
            passphrase: PASSPHRASE,
        });
        const stack = new PulumiStack(workspace, name);
        await stack.init();
        const settings = {
            chart: `oci://${registry.host}/lookup/hello-acr`,
            version,
            registryUsername: USERNAME,
            cosignPublicKey: cosign.publicPem,
        };
        for (const [key, value] of Object.entries(settings)) await stack.setConfig(key, value);
        await stack.setConfig("registryPassword", PASSWORD, { secret: true });
        return stack;
    }

    function assertNoSecretIn(output: string): void {
        assertNoSecretsIn(
            [{ where: "pulumi's output", text: output }],
            [
                { name: "registry password", value: PASSWORD, username: USERNAME },
                { name: "stack passphrase", value: PASSPHRASE },
            ],
            "pulumi's output",
        );
    }

    before(async function () {
        this.timeout(600_000);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-get-chart-"));
        keys = new TestKeys();
        cosign = keys.cosignKey("lookup-cosign");
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        await publish("0.1.0", true);
        await publish("0.2.0", true);
        await publish("0.3.0-rc.1", true);
        await publish("1.0.0", false);
        projects.push(createConsumerProject(GET_CHART_PROGRAM), createYamlProject(GET_CHART_YAML));
    });

    after(async () => {
        closeSharedClients();
        for (const project of projects) project.dispose();
        keys?.dispose();
        if (root) fs.rmSync(root, { recursive: true, force: true });
        await registry?.stop();
    });

    for (const [index, language] of ["TypeScript", "YAML"].entries()) {
        it(`${language}: preview and up resolve ">=0.1.0 <1.0.0" to 0.2.0 and its digest, verified by the cosign key, with reads only`, async () => {
            const stack = await stackIn(projects[index], `in-range-${index}`, ">=0.1.0 <1.0.0");
            const previewRequests = await RegistryRequests.start(registry);
            // A password among the arguments makes the engine mark the result secret: shown only with --show-secrets.
            const preview = await stack.preview(["--diff", "--show-secrets"]);
            assert.strictEqual(preview.code, 0, preview.output);
            assert.ok(preview.output.includes(digests["0.2.0"]), `the preview shows 0.2.0's digest:\n${preview.output}`);
            const previewKinds = await previewRequests.settledKinds();
            assert.ok((previewKinds["tags GET"] ?? 0) > 0 && (previewKinds["referrers GET"] ?? 0) > 0, JSON.stringify(previewKinds));
            assert.deepStrictEqual(await previewRequests.settledWrites(), [], "preview wrote nothing");

            const upRequests = await RegistryRequests.start(registry);
            const up = await stack.up();
            assert.strictEqual(up.code, 0, up.output);
            assert.ok(Object.keys(await upRequests.settledKinds()).length > 0, "the lookup reached the registry");
            assert.deepStrictEqual(await upRequests.settledWrites(), [], "up wrote nothing");
            const outputs = await stack.outputs(true);
            assert.deepStrictEqual(
                [outputs.version, outputs.digest, outputs.cosignKey],
                ["0.2.0", digests["0.2.0"], readCosignSigningKey(cosign.privatePem, undefined, "k").fingerprint],
            );
            assertNoSecretIn(preview.output + up.output);
        });

        it(`${language}: a range whose highest version is unsigned fails the preview, naming verify and the missing bundle`, async () => {
            const stack = await stackIn(projects[index], `unsigned-${index}`, "^1.0.0");
            const preview = await stack.preview();
            assert.notStrictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /verify/);
            assert.match(preview.output, /none found among its referrers/);
            assert.match(preview.output, /legacy|sha256-[a-f0-9]{64}\.sig/);
            assertNoSecretIn(preview.output);
        });

        it(`${language}: a version that is not SemVer fails before any request, naming version`, async () => {
            const stack = await stackIn(projects[index], `bad-version-${index}`, "latest-and-greatest");
            const requests = await RegistryRequests.start(registry);
            const preview = await stack.preview();
            assert.notStrictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /version/);
            assert.match(preview.output, /neither a SemVer version nor a range/);
            assert.deepStrictEqual(await requests.settledKinds(), {});
        });
    }
});
