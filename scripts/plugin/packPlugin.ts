import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot } from "../local/tools";

/** Starts the plugin from the installed package: the engine runs this file from the plugin's directory. */
const LAUNCHER = `#!/bin/sh
exec node "$(dirname "$(readlink -f "$0")")/node_modules/pulumi-acr-helm/dist/provider/index.js" "$@"
`;

/** Pulumi's names for the platforms it downloads plugins for. */
const PULUMI_OS: Partial<Record<NodeJS.Platform, string>> = { linux: "linux", darwin: "darwin", win32: "windows" };
const PULUMI_ARCH: Partial<Record<string, string>> = { x64: "amd64", arm64: "arm64" };

/**
 * The archive's name as the engine asks a plugin server for it: `pulumi-resource-acr-helm-v<version>-<os>-<arch>.tar.gz`.
 * The plugin runs on the machine's Node.js, so one archive serves every platform under each name.
 */
export function pluginArchiveName(version: string, platform: string = process.platform, arch: string = process.arch): string {
    const os = PULUMI_OS[platform as NodeJS.Platform];
    const cpu = PULUMI_ARCH[arch];
    if (!os || !cpu) throw new Error(`Pulumi downloads no plugins for ${platform}/${arch}`);
    return `pulumi-resource-acr-helm-v${version}-${os}-${cpu}.tar.gz`;
}

/**
 * The provider plugin as one self-contained archive, named as a plugin server serves it (`pulumi plugin install
 * resource acr-helm <version> --server <url>`, or `--file <archive>`): the packed package with its production
 * dependencies and a launcher at the top. Needs no network when npm's cache holds the dependencies. Returns the
 * archive's path.
 */
export function packPlugin(outputDir: string): string {
    const root = findRepoRoot();
    const { version } = JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8")) as { version: string };
    const stage = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-plugin-"));
    try {
        const packed = execFileSync("npm", ["pack", "--silent", "--pack-destination", stage], { cwd: root, encoding: "utf8" })
            .trim()
            .split("\n")
            .pop()!;
        fs.writeFileSync(path.join(stage, "package.json"), JSON.stringify({ name: "acr-helm-plugin", private: true, version }, null, 2));
        execFileSync(
            "npm",
            ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline", "--loglevel=error", path.join(stage, packed)],
            { cwd: stage, stdio: "pipe" },
        );
        fs.rmSync(path.join(stage, packed));
        fs.writeFileSync(path.join(stage, "pulumi-resource-acr-helm"), LAUNCHER, { mode: 0o755 });
        fs.mkdirSync(outputDir, { recursive: true });
        const tarball = path.join(path.resolve(outputDir), pluginArchiveName(version));
        execFileSync("tar", ["-czf", tarball, "-C", stage, "."]);
        return tarball;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const tarball = packPlugin(process.argv[2] ?? path.join(findRepoRoot(), "dist-plugin"));
    const { version } = JSON.parse(fs.readFileSync(path.join(findRepoRoot(), "package.json"), "utf8")) as { version: string };
    const megabytes = (fs.statSync(tarball).size / 1024 / 1024).toFixed(1);
    console.log(`${tarball} (${megabytes} MiB)\ninstall it with: pulumi plugin install resource acr-helm ${version} --file ${tarball}`);
}
