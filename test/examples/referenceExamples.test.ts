import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { EXAMPLES_DIR, GO_GENERATOR_GAPS } from "../../scripts/generate/referenceExamples";
import { GO_CHECK_ENV, listFiles, run, sdkDir, tempDir, writeGoCheckModule } from "../sdk/sdkSupport";
import { repoRoot } from "../support/paths";

const examplesDir = path.join(repoRoot, EXAMPLES_DIR);
const examples = fs
    .readdirSync(examplesDir)
    .filter((name) => name.endsWith(".yaml"))
    .map((name) => name.slice(0, -".yaml".length));

// Each reference example is written once in Pulumi YAML; the TypeScript, Python and Go programs beside it are what
// Pulumi's converters make of it (npm run generate:examples), and docs/reference shows all four.
describe("the reference examples, written in YAML and converted to every language", function () {
    // A cold Go build cache compiles the Pulumi and Kubernetes Go SDKs first: minutes on two cores.
    this.timeout(15 * 60_000);

    it("are what the converters write from each YAML program now", async () => {
        const fresh = tempDir("examples");
        try {
            await run("bash", [path.join(repoRoot, "scripts", "generate-examples.sh"), fresh.dir]);
            for (const name of examples) {
                const committed = listFiles(path.join(examplesDir, name));
                assert.deepStrictEqual(committed, listFiles(path.join(fresh.dir, name)), `${name}: run npm run generate:examples`);
                const changed = committed.filter(
                    (file) =>
                        fs.readFileSync(path.join(examplesDir, name, file), "utf8") !==
                        fs.readFileSync(path.join(fresh.dir, name, file), "utf8"),
                );
                assert.deepStrictEqual(changed, [], `${name}: run npm run generate:examples`);
            }
        } finally {
            fresh.remove();
        }
    });

    it("TypeScript: each compiles against the Node.js SDK generated from the schema", async () => {
        const work = tempDir("examples-ts");
        try {
            const modules = path.join(repoRoot, "node_modules");
            const tsconfig = {
                compilerOptions: {
                    target: "ES2022",
                    module: "commonjs",
                    moduleResolution: "node",
                    strict: true,
                    noEmit: true,
                    skipLibCheck: true,
                    baseUrl: ".",
                    paths: {
                        "@pulumi-acr-helm/sdk": [path.join(sdkDir, "nodejs", "index.ts")],
                        "@pulumi/*": [path.join(modules, "@pulumi", "*")],
                    },
                    typeRoots: [path.join(modules, "@types")],
                },
                files: examples.map((name) => path.join(examplesDir, name, "nodejs", "index.ts")),
            };
            fs.writeFileSync(path.join(work.dir, "tsconfig.json"), JSON.stringify(tsconfig, null, 2));
            await run(process.execPath, [path.join(modules, "typescript", "bin", "tsc"), "-p", work.dir]);
        } finally {
            work.remove();
        }
    });

    it("Python: each byte-compiles", async () => {
        const cache = tempDir("examples-pyc");
        try {
            for (const name of examples) {
                await run("python3", ["-m", "py_compile", path.join(examplesDir, name, "python", "__main__.py")], {
                    env: { PYTHONPYCACHEPREFIX: cache.dir },
                });
            }
        } finally {
            cache.remove();
        }
    });

    it("Go: each builds against the Go SDK generated from the schema, except the ones the reference says the generator gets wrong", async () => {
        const work = tempDir("examples-go");
        try {
            writeGoCheckModule(work.dir, "acrhelm.local/examples-check");
            for (const name of examples) {
                fs.mkdirSync(path.join(work.dir, name));
                fs.copyFileSync(path.join(examplesDir, name, "go", "main.go"), path.join(work.dir, name, "main.go"));
            }
            const failing: string[] = [];
            for (const name of examples) {
                try {
                    await run("go", ["build", "-trimpath", "-o", path.join(work.dir, `${name}.bin`), `./${name}`], {
                        cwd: work.dir,
                        env: GO_CHECK_ENV,
                    });
                } catch {
                    failing.push(name);
                }
            }
            assert.deepStrictEqual(failing, Object.keys(GO_GENERATOR_GAPS).sort());
        } finally {
            work.remove();
        }
    });

    it("YAML: the ChartPublication example previews in the engine through the plugin, offline", async () => {
        const work = tempDir("examples-yaml");
        try {
            const program = fs.readFileSync(path.join(examplesDir, "ChartPublication.yaml"), "utf8");
            const plugin = `plugins:\n  providers:\n    - name: acr-helm\n      path: ${path.join(repoRoot, "provider")}\n`;
            fs.writeFileSync(path.join(work.dir, "Pulumi.yaml"), `${program}${plugin}`);
            fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), path.join(work.dir, "charts", "hello-acr"), { recursive: true });
            const workspace = new PulumiWorkspace({
                projectDir: work.dir,
                backendDir: path.join(work.dir, ".state"),
                passphrase: "examples",
            });
            const stack = new PulumiStack(workspace, "example");
            await stack.init();
            const preview = await stack.preview();
            assert.strictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /\+ acr-helm:index:ChartPublication: \(create\)/);
            assert.match(preview.output, /repositoryPath\s*: "charts\/hello-acr"/);
        } finally {
            work.remove();
        }
    });
});
