import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../../support/paths";
import { installedTool } from "../../support/tools";

export const helmBinary = path.resolve(repoRoot, ".tools/bin/helm");

/** Helm 3 as scripts/setup-tools.sh builds it; missing, it fails at once naming the command that builds it. */
export function installedHelm(): string {
    return installedTool("helm");
}

/** Runs helm with config, cache, data and registry-login files in a private temp dir. */
export class HelmCli {
    /** `binary`: another Helm, e.g. Helm 4 (`.tools/bin/helm4`). Default: Helm 3. */
    constructor(readonly binary: string = helmBinary) {}

    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-helmhome-"));

    /** The environment helm runs with; give it to acr-helm to share Helm's registry login file. */
    env(): NodeJS.ProcessEnv {
        return {
            PATH: process.env.PATH,
            HOME: this.home,
            HELM_CONFIG_HOME: path.join(this.home, "config"),
            HELM_CACHE_HOME: path.join(this.home, "cache"),
            HELM_DATA_HOME: path.join(this.home, "data"),
            HELM_REGISTRY_CONFIG: path.join(this.home, "registry.json"),
        };
    }

    /** `extraEnv` adds to (or overrides) the private environment, e.g. PATH with a credential helper. */
    run(args: string[], stdin?: string, extraEnv: NodeJS.ProcessEnv = {}): Promise<string> {
        return new Promise((resolve, reject) => {
            const child = execFile(
                this.binary,
                args,
                { env: { ...this.env(), ...extraEnv }, cwd: this.home, timeout: 60_000 },
                (error, stdout, stderr) => {
                    if (error) reject(new Error(`helm ${args.join(" ")} failed: ${stderr || error.message}`));
                    else resolve(stdout);
                },
            );
            if (stdin !== undefined) child.stdin?.end(stdin);
        });
    }

    cleanup(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}
