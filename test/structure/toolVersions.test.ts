import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as semver from "semver";
import { pulumiHome } from "../../scripts/local/pulumiCli";
import { repoRoot } from "../support/paths";
import { installedTool } from "../support/tools";

/** The versions scripts/setup-tools.sh installs, read from its constants so that they are written down once. */
const SETUP_TOOLS = fs.readFileSync(path.join(repoRoot, "scripts", "setup-tools.sh"), "utf8");

function setupToolsVersion(constant: string): string {
    const found = new RegExp(`^readonly ${constant}="(v[^"]+)"$`, "m").exec(SETUP_TOOLS);
    if (!found) throw new Error(`scripts/setup-tools.sh no longer defines ${constant}="v…"; update this test`);
    return found[1];
}

/** The Kubernetes provider version setup-tools registers: the @pulumi/kubernetes version in package-lock.json. */
function kubernetesPluginVersion(): string {
    const lock = JSON.parse(fs.readFileSync(path.join(repoRoot, "package-lock.json"), "utf8")) as {
        packages: Record<string, { version: string }>;
    };
    return lock.packages["node_modules/@pulumi/kubernetes"].version;
}

/** The Kubernetes release setup-tools builds the API server, controller manager and scheduler from. */
function kubernetesModuleVersion(): string {
    const goMod = fs.readFileSync(path.join(repoRoot, "scripts", "kubernetes", "go.mod"), "utf8");
    const found = /^\s*(?:require\s+)?k8s\.io\/kubernetes\s+(v\S+)/m.exec(goMod);
    if (!found) throw new Error("scripts/kubernetes/go.mod no longer requires k8s.io/kubernetes; update this test");
    return found[1];
}

/** The version of the main module a Go binary was built from, as `go version -m` reads it from the binary. */
function goModuleVersion(tool: string): string {
    const info = execFileSync("go", ["version", "-m", installedTool(tool)], { encoding: "utf8", timeout: 30_000 });
    return /^\s*mod\s+\S+\s+(v\S+)/m.exec(info)?.[1] ?? info;
}

/** The version of `module` a Go binary was built with, as `go version -m` lists it among the binary's dependencies. */
function goDependencyVersion(tool: string, module: string): string {
    const info = execFileSync("go", ["version", "-m", installedTool(tool)], { encoding: "utf8", timeout: 30_000 });
    const line = info.split("\n").find((entry) => entry.trim().split(/\s+/)[1] === module);
    return line?.trim().split(/\s+/)[2] ?? info;
}

function versionOf(tool: string, args: string[]): string {
    return execFileSync(installedTool(tool), args, {
        encoding: "utf8",
        timeout: 30_000,
        env: { ...process.env, HOME: os.tmpdir() },
    }).trim();
}

function assertVersion(tool: string, found: string, constant: string, target = tool): void {
    const expected = setupToolsVersion(constant);
    assert.strictEqual(
        found,
        expected,
        `${tool} is ${found}, not ${expected} (${constant} in scripts/setup-tools.sh); run \`bash scripts/setup-tools.sh ${target}\``,
    );
}

/** setup-tools links an official pulumi found on PATH instead of building one, unless ACR_HELM_BUILD_PULUMI is set. */
function builtPulumi(linked: string): boolean {
    const cache =
        process.env.ACR_HELM_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-acr-helm");
    return fs.realpathSync(linked).startsWith(path.join(fs.realpathSync(cache), "pulumi") + path.sep);
}

describe("the tools the tests run are the versions scripts/setup-tools.sh installs", function () {
    this.timeout(60_000);

    it("helm is Helm 3 at HELM_VERSION", () => {
        assertVersion("helm", versionOf("helm", ["version", "--short"]).split("+")[0], "HELM_VERSION");
    });

    it("helm4 is Helm 4 at HELM4_VERSION", () => {
        assertVersion("helm4", versionOf("helm4", ["version", "--short"]).split("+")[0], "HELM4_VERSION");
    });

    it("cosign is at COSIGN_VERSION", () => {
        const report = JSON.parse(versionOf("cosign", ["version", "--json"])) as { gitVersion: string };
        assertVersion("cosign", report.gitVersion, "COSIGN_VERSION");
    });

    it("fulcio-loopback is built over the fulcio module at FULCIO_VERSION", () => {
        const found = goDependencyVersion("fulcio-loopback", "github.com/sigstore/fulcio");
        assertVersion("fulcio-loopback", found, "FULCIO_VERSION", "fulcio");
    });

    it("timestamp-server-loopback is built over the timestamp-authority module at TIMESTAMP_AUTHORITY_VERSION", () => {
        const found = goDependencyVersion("timestamp-server-loopback", "github.com/sigstore/timestamp-authority/v2");
        assertVersion("timestamp-server-loopback", found, "TIMESTAMP_AUTHORITY_VERSION", "timestamp-authority");
    });

    it("kwok is at KWOK_VERSION", () => {
        const report = versionOf("kwok", ["--version"]);
        assertVersion("kwok", /^kwok version (v\S+)/.exec(report)?.[1] ?? report, "KWOK_VERSION");
    });

    it("pulumi is the one built at PULUMI_VERSION, or an official CLI not older than it", () => {
        const found = versionOf("pulumi", ["version"]);
        if (builtPulumi(installedTool("pulumi"))) return assertVersion("pulumi", found, "PULUMI_VERSION");
        const least = setupToolsVersion("PULUMI_VERSION");
        assert.ok(
            semver.valid(found) && semver.gte(found, least),
            `pulumi: the official CLI linked in .tools/bin is ${found}, older than ${least} (PULUMI_VERSION in scripts/setup-tools.sh); ` +
                "update it, or build the tested one: `ACR_HELM_BUILD_PULUMI=1 bash scripts/setup-tools.sh pulumi`",
        );
    });

    for (const tool of ["kube-apiserver", "kube-controller-manager", "kube-scheduler"]) {
        it(`${tool} reports the Kubernetes release of scripts/kubernetes/go.mod`, () => {
            const expected = `Kubernetes ${kubernetesModuleVersion()}`;
            assert.strictEqual(versionOf(tool, ["--version"]), expected, `run \`bash scripts/setup-tools.sh kubernetes\``);
        });
    }

    it("pulumi-language-yaml is built from pulumi-yaml at PULUMI_YAML_VERSION", () => {
        assertVersion("pulumi-language-yaml", goModuleVersion("pulumi-language-yaml"), "PULUMI_YAML_VERSION", "pulumi-yaml");
    });

    // Built in a copy of its module (scripts/setup-tools.sh says why), the main module reads "(devel)"; the API module
    // it is built against is required at the release's own version.
    it("flux-source-controller is built from source-controller at FLUX_SOURCE_CONTROLLER_VERSION", () => {
        const info = execFileSync("go", ["version", "-m", installedTool("flux-source-controller")], { encoding: "utf8", timeout: 30_000 });
        const api = /^\s*dep\s+github\.com\/fluxcd\/source-controller\/api\s+(v\S+)/m.exec(info)?.[1] ?? info;
        assertVersion("flux-source-controller", api, "FLUX_SOURCE_CONTROLLER_VERSION");
    });

    it("the Kubernetes provider plugin is registered in the tool cache's PULUMI_HOME at @pulumi/kubernetes's version", () => {
        const version = kubernetesPluginVersion();
        const dir = path.join(pulumiHome(), "plugins", `resource-kubernetes-v${version}`);
        const fix = "run `bash scripts/setup-tools.sh kubernetes-provider`";
        assert.ok(fs.existsSync(path.join(dir, "pulumi-resource-kubernetes")), `kubernetes plugin v${version} is not in ${dir}; ${fix}`);
        assert.ok(!fs.existsSync(`${dir}.partial`), `kubernetes plugin v${version} in ${dir} was not completely installed; ${fix}`);
    });
});
