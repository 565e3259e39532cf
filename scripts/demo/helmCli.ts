import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** Runs the Helm binary with its own config, cache and registry login kept in a temporary home. */
export class HelmCli {
    private readonly home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-demo-helm-"));

    constructor(
        private readonly binary: string,
        private readonly kubeconfigPath: string,
    ) {}

    run(args: string[], stdin?: string): Promise<string> {
        const env = {
            ...process.env,
            HELM_CACHE_HOME: path.join(this.home, "cache"),
            HELM_CONFIG_HOME: path.join(this.home, "config"),
            HELM_DATA_HOME: path.join(this.home, "data"),
            HELM_REGISTRY_CONFIG: path.join(this.home, "registry.json"),
            KUBECONFIG: this.kubeconfigPath,
        };
        return new Promise((resolve, reject) => {
            const child = execFile(this.binary, args, { env }, (error, stdout, stderr) => {
                if (error) reject(new Error(`helm ${args[0]} failed: ${stderr.trim() || error.message}`));
                else resolve(stdout + stderr);
            });
            child.stdin?.end(stdin ?? "");
        });
    }

    dispose(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}
