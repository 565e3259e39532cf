import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { assertNoSecretsIn } from "../../scripts/local/secretScanner";
import { repoRoot } from "../support/paths";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { ConsumerProject, createConsumerProject, createYamlProject, INSTALLED_PLUGIN } from "./support/consumerProject";
import { PASSPHRASE, PASSWORD, USERNAME } from "./support/publicationStacks";

/** Credentials as a user writes them in stack config: nothing type-checks them before the plugin does. */
const TYPESCRIPT_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "pulumi-acr-helm";

const config = new pulumi.Config();
new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    namespace: "contract-ts",
    credentials: config.requireSecretObject<never>("credentials"),
    plainHttp: true,
    provenance: false,
});
`;

const YAML_PROGRAM = `name: acr-helm-contract-yaml
runtime: yaml
plugins:
  providers:
    - name: acr-helm
      path: ${INSTALLED_PLUGIN}
config:
  registry:
    type: string
  chartPath:
    type: string
  credentialKind:
    type: string
  registryUsername:
    type: string
resources:
  chart:
    type: acr-helm:index:ChartPublication
    properties:
      chartPath: \${chartPath}
      loginServer: \${registry}
      namespace: contract-yaml
      plainHttp: true
      provenance: false
      credentials:
        kind: \${credentialKind}
        username: \${registryUsername}
`;

describe("inputs that break the contract fail preview and up in the engine, naming the property, with no request sent", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(600_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-contract-"));
    const chartDir = path.join(root, "hello-acr");
    let registry: TestRegistry;
    const projects: ConsumerProject[] = [];

    before(async function () {
        this.timeout(300_000);
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
    });

    after(async () => {
        projects.forEach((project) => project.dispose());
        fs.rmSync(root, { recursive: true, force: true });
        await registry?.stop();
    });

    async function stackOf(project: ConsumerProject, config: Record<string, string>, secret: Record<string, string> = {}) {
        projects.push(project);
        const workspace = new PulumiWorkspace({ projectDir: project.dir, backendDir: path.join(root, "state"), passphrase: PASSPHRASE });
        const stack = new PulumiStack(workspace, `contract-${projects.length}`);
        await stack.init();
        for (const [key, value] of Object.entries({ chartPath: chartDir, registry: registry.host, ...config }))
            await stack.setConfig(key, value);
        for (const [key, value] of Object.entries(secret)) await stack.setConfig(key, value, { secret: true });
        return stack;
    }

    /** Preview and up both fail with `expected` in their output (the engine writes `property <path> value {…} has a problem: <reason>`), the registry logs no request, and the password shows nowhere. */
    async function refusedOffline(stack: PulumiStack, expected: RegExp): Promise<void> {
        const requests = await RegistryRequests.start(registry);
        const preview = await stack.preview();
        assert.notStrictEqual(preview.code, 0, preview.output);
        assert.match(preview.output, expected);
        const up = await stack.up();
        assert.notStrictEqual(up.code, 0, up.output);
        assert.match(up.output, expected);
        assert.deepStrictEqual(await requests.settled(), []);
        assertNoSecretsIn(
            [preview.output, up.output],
            [{ name: "registry password", value: PASSWORD, username: USERNAME }],
            "pulumi's output",
        );
    }

    describe("a TypeScript program", () => {
        let stack: PulumiStack;

        before(async function () {
            this.timeout(300_000);
            const credentials = JSON.stringify({ kind: "Basic", username: USERNAME, password: PASSWORD });
            stack = await stackOf(createConsumerProject(TYPESCRIPT_PROGRAM), {}, { credentials });
        });

        it("a misspelled credential kind", async () => {
            await refusedOffline(
                stack,
                /credentials\.kind\b.*: expected one of "basic", "refreshToken", "aadAccessToken", "azure", "anonymous" \(got "Basic"\); did you mean "basic"\?/,
            );
        });

        it("basic credentials without a password, and the password never appears", async () => {
            await stack.setConfig("credentials", JSON.stringify({ username: USERNAME }), { secret: true });
            await refusedOffline(stack, /credentials\.password\b.*: is required when credentials\.kind is "basic"/);
        });

        it("positive control: with the password, up reaches the registry and publishes", async () => {
            await stack.setConfig("credentials", JSON.stringify({ username: USERNAME, password: PASSWORD }), { secret: true });
            const requests = await RegistryRequests.start(registry);
            const up = await stack.up();
            assert.strictEqual(up.code, 0, up.output);
            assert.ok(
                (await requests.settledWrites()).some((request) => request.method === "PUT"),
                "the manifest PUT is counted",
            );
            assertNoSecretsIn([up.output], [{ name: "registry password", value: PASSWORD, username: USERNAME }], "pulumi's output");
        });
    });

    describe("a YAML program", () => {
        let stack: PulumiStack;

        before(async function () {
            this.timeout(300_000);
            stack = await stackOf(createYamlProject(YAML_PROGRAM), { credentialKind: "Basic", registryUsername: USERNAME });
        });

        it("a misspelled credential kind", async () => {
            await refusedOffline(stack, /credentials\.kind\b.*: expected one of .*\(got "Basic"\); did you mean "basic"\?/);
        });

        it("basic credentials without a password", async () => {
            await stack.setConfig("credentialKind", "basic");
            await refusedOffline(stack, /credentials\.password\b.*: is required when credentials\.kind is "basic"/);
        });

        it("positive control: anonymous credentials pass the contract and up reaches the registry, which refuses them", async () => {
            await stack.setConfig("credentialKind", "anonymous");
            const requests = await RegistryRequests.start(registry);
            const up = await stack.up();
            assert.notStrictEqual(up.code, 0, up.output);
            assert.notDeepStrictEqual(await requests.settled(), []);
        });
    });
});
