import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/paths";

/** A Pulumi TypeScript project outside this repository that depends on the package as `npm pack` made it. */
export interface ConsumerProject {
    readonly dir: string;
    readonly tarball: string;
    dispose(): void;
}

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "pulumi-acr-helm";

// What a user writes: nested Inputs in credentials, the password straight from secret config.
const config = new pulumi.Config();
const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    namespace: config.get("repository") ?? "helm",
    credentials: { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") },
    plainHttp: true,
    provenance: false,
    allowOverwrite: config.getBoolean("allowOverwrite") ?? false,
    deleteFromRegistryOnDestroy: config.getBoolean("deleteFromRegistryOnDestroy") ?? false,
});

export const ref = publication.ref;
export const version = publication.version;
export const digest = publication.digest;
`;

/** The project names the provider plugin inside the installed package, as the README tells users to. */
const PROJECT = `name: acr-helm-consumer
runtime:
  name: nodejs
  options:
    typescript: false
main: bin/index.js
`;
const CONSUMER_PULUMI_YAML = `${PROJECT}plugins:
  providers:
    - name: acr-helm
      path: ./node_modules/pulumi-acr-helm/provider
`;

const TSCONFIG = {
    compilerOptions: { target: "ES2022", module: "commonjs", moduleResolution: "node", strict: true, outDir: "bin", skipLibCheck: true },
    files: ["index.ts"],
};

export interface ConsumerOptions {
    /** Install this tarball (e.g. a former release) instead of packing the checkout. */
    readonly tarball?: string;
    /**
     * Name the plugin in Pulumi.yaml. Default: yes for this checkout's package; a former release needs no entry (its
     * resources ran in the program's process), nor does a project whose plugin was installed with `pulumi plugin install`.
     */
    readonly pluginEntry?: boolean;
}

/**
 * Packs the package, installs the tarball into a new project and compiles the program there with tsc. `program`:
 * the project's index.ts (default: a ChartPublication); `dependencies`: further npm packages it imports.
 */
export function createConsumerProject(program = PROGRAM, dependencies: string[] = [], options: ConsumerOptions = {}): ConsumerProject {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-consumer-"));
    const tarball = options.tarball ?? packThisPackage(dir);
    const pluginEntry = options.pluginEntry ?? options.tarball === undefined;
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), pluginEntry ? CONSUMER_PULUMI_YAML : PROJECT);
    fs.writeFileSync(
        path.join(dir, "package.json"),
        JSON.stringify({ name: "acr-helm-consumer", private: true, main: "bin/index.js" }, null, 2),
    );
    fs.writeFileSync(path.join(dir, "index.ts"), program);
    fs.writeFileSync(path.join(dir, "tsconfig.json"), JSON.stringify(TSCONFIG, null, 2));
    execFileSync(
        "npm",
        ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball, "@pulumi/pulumi@3.248.0", ...dependencies],
        { cwd: dir, stdio: "pipe" },
    );
    compile(dir);
    return { dir, tarball, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function packThisPackage(dir: string): string {
    const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", dir], { cwd: repoRoot, encoding: "utf8" })
        .trim()
        .split("\n")
        .pop()!;
    return path.join(dir, packed);
}

/** What a user does to upgrade: install this package's tarball, name its plugin in Pulumi.yaml, rebuild the program. */
export function upgradeToThisPackage(project: ConsumerProject): string {
    const tarball = packThisPackage(project.dir);
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
        cwd: project.dir,
        stdio: "pipe",
    });
    fs.writeFileSync(path.join(project.dir, "Pulumi.yaml"), CONSUMER_PULUMI_YAML);
    compile(project.dir);
    return tarball;
}

/** The repository's TypeScript compiler, run on the consumer's program against the installed package's types. */
export function compile(dir: string): void {
    const tsc = path.join(repoRoot, "node_modules", "typescript", "bin", "tsc");
    try {
        execFileSync(process.execPath, [tsc, "-p", dir], { cwd: dir, encoding: "utf8", stdio: "pipe" });
    } catch (error) {
        const output = (error as { stdout?: string }).stdout ?? "";
        throw new Error(`the consumer program does not compile against the packed package:\n${output}`, { cause: error });
    }
}

/**
 * A Pulumi YAML project outside this repository: examples/yaml's program, with the plugin named where npm
 * installed the packed package.
 */
export function createYamlConsumerProject(): ConsumerProject {
    const program = fs.readFileSync(path.join(repoRoot, "examples", "yaml", "Pulumi.yaml"), "utf8");
    const installed = program.replace(/path: \.\.\/\.\.\/provider/, `path: ${INSTALLED_PLUGIN}`);
    if (installed === program) throw new Error("examples/yaml/Pulumi.yaml no longer names ../../provider as the plugin's path");
    return createYamlProject(installed);
}

/** Where a project that installed the packed package finds the plugin. */
export const INSTALLED_PLUGIN = "./node_modules/pulumi-acr-helm/provider";

/** A Pulumi YAML project outside this repository with `program` as its Pulumi.yaml and the packed package installed. */
export function createYamlProject(program: string): ConsumerProject {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-yaml-consumer-"));
    const tarball = packThisPackage(dir);
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), program);
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "acr-helm-yaml-consumer", private: true }, null, 2));
    execFileSync("npm", ["install", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", tarball], {
        cwd: dir,
        stdio: "pipe",
    });
    return { dir, tarball, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
