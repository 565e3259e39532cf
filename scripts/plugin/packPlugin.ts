import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { findRepoRoot } from "../local/tools";

/** Starts the plugin from the installed package: the engine runs this file from the plugin's directory. */
const LAUNCHER = `#!/bin/sh
exec node "$(dirname "$(readlink -f "$0")")/node_modules/pulumi-acr-helm/dist/provider/index.js" "$@"
`;

/**
 * The provider plugin as one self-contained tarball for `pulumi plugin install resource acr-helm <version> --file
 * <tarball>`: the packed package with its production dependencies and a launcher at the top. Needs no network when
 * npm's cache holds the dependencies. Returns the tarball's path.
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
        const tarball = path.join(path.resolve(outputDir), `pulumi-resource-acr-helm-v${version}.tar.gz`);
        execFileSync("tar", ["-czf", tarball, "-C", stage, "."]);
        return tarball;
    } finally {
        fs.rmSync(stage, { recursive: true, force: true });
    }
}

if (require.main === module) {
    const tarball = packPlugin(process.argv[2] ?? path.join(findRepoRoot(), "dist-plugin"));
    const { version } = JSON.parse(fs.readFileSync(path.join(findRepoRoot(), "package.json"), "utf8")) as { version: string };
    console.log(`${tarball}\ninstall it with: pulumi plugin install resource acr-helm ${version} --file ${tarball}`);
}
