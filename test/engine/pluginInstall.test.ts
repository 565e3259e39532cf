import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { packPlugin, pluginArchiveName } from "../../scripts/plugin/packPlugin";
import { pulumiBinary, pulumiHome as toolPulumiHome, PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { assertNoSecretsIn, backendFiles } from "../../scripts/local/secretScanner";
import { repoRoot } from "../support/paths";
import { compile, ConsumerProject, createConsumerProject, INSTALLED_PLUGIN } from "./support/consumerProject";
import { PluginServer, servePlugins } from "./support/pluginServer";
import { packGeneratedNodeSdk } from "./support/generatedNodeSdk";
import { PASSPHRASE, PASSWORD, USERNAME } from "./support/publicationStacks";
import { execFile, execFileSync } from "child_process";
import { promisify } from "util";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

describe("the plugin archive, served by a plugin server, installs with pulumi plugin install and by the engine itself", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-plugin-install-"));
    const pulumiHome = path.join(root, "pulumi-home");
    let registry: TestRegistry;
    let consumer: ConsumerProject;
    let server: PluginServer;
    const { version } = JSON.parse(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8")) as { version: string };
    // Not execFileSync: the plugin server answers from this process, whose event loop must keep running.
    const pulumi = async (args: string[]): Promise<string> => {
        const { stdout } = await promisify(execFile)(pulumiBinary(), args, {
            cwd: root,
            encoding: "utf8",
            maxBuffer: 64 * 1024 * 1024,
            env: {
                ...process.env,
                PULUMI_HOME: pulumiHome,
                PULUMI_SKIP_UPDATE_CHECK: "true",
                PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
            },
        });
        return stdout;
    };

    before(async function () {
        this.timeout(600_000);
        registry = await startRegistry({
            auth: "htpasswd",
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        withKubernetesPlugin(pulumiHome);
        const archive = packPlugin(path.join(root, "archives"));
        assert.strictEqual(path.basename(archive), pluginArchiveName(version));
        server = await servePlugins(path.dirname(archive));
        await pulumi(["plugin", "install", "resource", "acr-helm", version, "--server", server.url]);
        assert.deepStrictEqual(server.requested, [pluginArchiveName(version)], "the CLI downloaded the archive from the server");
        consumer = createConsumerProject(undefined, [], { pluginEntry: false });
    });

    after(async () => {
        closeSharedClients();
        await server?.close();
        consumer?.dispose();
        await registry?.stop();
        fs.rmSync(root, { recursive: true, force: true });
    });

    it("pulumi plugin ls lists it, and pulumi package get-schema returns the schema the package ships", async () => {
        assert.match(await pulumi(["plugin", "ls"]), new RegExp(`acr-helm\\s+resource\\s+${version.replace(/\./g, "\\.")}`));
        type Schema = { name: string; version: string; resources: Record<string, { inputProperties?: object }>; types: object };
        const served = JSON.parse(await pulumi(["package", "get-schema", `acr-helm@${version}`])) as Schema;
        const shipped = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8")) as Schema;
        // The CLI prints the schema as it bound it (with an empty config section added): compare what it describes.
        const described = (schema: Schema) => ({
            name: schema.name,
            version: schema.version,
            types: Object.keys(schema.types).sort(),
            resources: Object.fromEntries(
                Object.entries(schema.resources).map(([token, spec]) => [token, Object.keys(spec.inputProperties ?? {}).sort()]),
            ),
        });
        assert.deepStrictEqual(described(served), described(shipped));
    });

    /** A stack of a project (default: the consumer's) with the demo chart and the registry's credentials in its config. */
    async function publishingStack(name: string, env: Record<string, string> = { PULUMI_HOME: pulumiHome }, projectDir = consumer.dir) {
        const workspace = new PulumiWorkspace({ projectDir, backendDir: path.join(root, "state"), passphrase: PASSPHRASE, env });
        const stack = new PulumiStack(workspace, name);
        await stack.init();
        const chartDir = path.join(root, name, "hello-acr");
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        for (const [key, value] of Object.entries({
            chartPath: chartDir,
            registry: registry.host,
            registryUsername: USERNAME,
            repository: name,
        }))
            await stack.setConfig(key, value);
        await stack.setConfig("registryPassword", PASSWORD, { secret: true });
        return stack;
    }

    /** Up, an unchanged up, destroy; returns the stack's outputs after the first up. No secret in any output or state file. */
    async function upNoOpDestroy(stack: PulumiStack): Promise<Record<string, unknown>> {
        const up = await stack.up();
        assert.strictEqual(up.code, 0, up.output);
        const outputs = await stack.outputs();
        assert.match(String(outputs.digest), /^sha256:[0-9a-f]{64}$/);
        const exported = await stack.exportState();
        const providers = (JSON.parse(exported) as { deployment: { resources: { type: string }[] } }).deployment.resources.filter(
            (resource) => resource.type === "pulumi:providers:acr-helm",
        );
        assert.strictEqual(providers.length, 1);
        const unchanged = await stack.up(["--expect-no-changes"]);
        assert.strictEqual(unchanged.code, 0, unchanged.output);
        const destroy = await stack.run(["destroy", "--yes", "--skip-preview"]);
        assert.strictEqual(destroy.code, 0, destroy.output);
        assertNoSecretsIn(
            [
                { where: "up", text: up.output },
                { where: "pulumi stack export", text: exported },
                { where: "unchanged up", text: unchanged.output },
                { where: "destroy", text: destroy.output },
                ...backendFiles(path.join(root, "state")),
            ],
            [
                { name: "registry password", value: PASSWORD, username: USERNAME },
                { name: "stack passphrase", value: PASSPHRASE },
            ],
            "pulumi's output and the state",
        );
        return outputs;
    }

    it("a TypeScript program without a plugin entry publishes through the installed plugin", async () => {
        assert.doesNotMatch(fs.readFileSync(path.join(consumer.dir, "Pulumi.yaml"), "utf8"), /plugins:/);
        await upNoOpDestroy(await publishingStack("installed"));
    });

    it("a YAML program in a folder with nothing else installed publishes through the installed plugin", async () => {
        const yamlDir = path.join(root, "yaml-project");
        fs.mkdirSync(yamlDir);
        fs.writeFileSync(path.join(yamlDir, "Pulumi.yaml"), YAML_PROGRAM);
        const outputs = await upNoOpDestroy(await publishingStack("yaml", undefined, yamlDir));
        assert.strictEqual(outputs.ref, `oci://${registry.host}/yaml/hello-acr`);
    });

    /** The engine's own plugin acquisition, on, with the package's download server pointed at the local one. */
    function acquiringEnvironment(home: string): Record<string, string> {
        withKubernetesPlugin(home);
        return {
            PULUMI_HOME: home,
            PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
            PULUMI_PLUGIN_DOWNLOAD_URL_OVERRIDES: `^github://api\\.github\\.com/pulumi-acr-helm/pulumi-acr-helm$=${server.url}`,
        };
    }

    it("a TypeScript program that only ran npm install gets the plugin from the package's server, as @pulumi packages do", async () => {
        const home = path.join(root, "acquiring-home");
        const before = server.requested.length;
        await upNoOpDestroy(await publishingStack("acquired", acquiringEnvironment(home)));
        assert.deepStrictEqual(server.requested.slice(before), [pluginArchiveName(version)], "the engine downloaded the archive once");
        assert.ok(fs.readdirSync(path.join(home, "plugins")).includes(`resource-acr-helm-v${version}`));
    });

    it("a program that names the installed package's plugin in Pulumi.yaml downloads nothing, acquisition on or off", async () => {
        const project = path.join(consumer.dir, "Pulumi.yaml");
        const original = fs.readFileSync(project, "utf8");
        fs.writeFileSync(project, `${original}plugins:\n  providers:\n    - name: acr-helm\n      path: ${INSTALLED_PLUGIN}\n`);
        try {
            const before = server.requested.length;
            const stack = await publishingStack("named-path", acquiringEnvironment(path.join(root, "path-home")));
            const preview = await stack.preview();
            assert.strictEqual(preview.code, 0, preview.output);
            assert.deepStrictEqual(server.requested.slice(before), []);
        } finally {
            fs.writeFileSync(project, original);
        }
    });

    it("a TypeScript program importing the Node.js SDK generated from the schema publishes through it", async () => {
        const tarball = packGeneratedNodeSdk(consumer.dir);
        execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
            cwd: consumer.dir,
            stdio: "pipe",
        });
        fs.writeFileSync(path.join(consumer.dir, "index.ts"), GENERATED_SDK_PROGRAM);
        compile(consumer.dir);
        const outputs = await upNoOpDestroy(await publishingStack("generated-sdk"));
        assert.strictEqual(outputs.ref, `oci://${registry.host}/generated-sdk/hello-acr`);
        assert.strictEqual(outputs.version, "0.1.0");
    });
});

/** What a user of the generated SDK writes: the classes, argument and output types all come from the schema. */
const GENERATED_SDK_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "@pulumi-acr-helm/sdk";

const config = new pulumi.Config();
const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    namespace: config.require("repository"),
    credentials: { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") },
    plainHttp: true,
    provenance: false,
});

export const ref = publication.ref;
export const version = publication.version;
export const digest = publication.digest;
`;

/** A Pulumi YAML program that names no plugin path: the plugin comes from `pulumi plugin install`. */
const YAML_PROGRAM = `name: acr-helm-installed-yaml
runtime: yaml
config:
  chartPath:
    type: string
  registry:
    type: string
  registryUsername:
    type: string
  registryPassword:
    type: string
    secret: true
  repository:
    type: string
resources:
  chart:
    type: acr-helm:index:ChartPublication
    properties:
      chartPath: \${chartPath}
      loginServer: \${registry}
      namespace: \${repository}
      plainHttp: true
      provenance: false
      credentials:
        username: \${registryUsername}
        password: \${registryPassword}
outputs:
  ref: \${chart.ref}
  version: \${chart.version}
  digest: \${chart.digest}
`;

/** The schema refers to the Kubernetes provider, which a machine that uses ChartRelease has installed. */
function withKubernetesPlugin(home: string): void {
    fs.mkdirSync(path.join(home, "plugins"), { recursive: true });
    for (const entry of fs.readdirSync(path.join(toolPulumiHome(), "plugins")).filter((name) => name.startsWith("resource-kubernetes-")))
        fs.cpSync(path.join(toolPulumiHome(), "plugins", entry), path.join(home, "plugins", entry), { recursive: true, dereference: true });
}
