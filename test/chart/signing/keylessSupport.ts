import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface CosignResult {
    code: number;
    output: string;
}

/** cosign with a HOME and Docker config of its own (registry credentials); its commands are given whole. */
export class CosignKeyless {
    readonly home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cosign3-"));

    constructor(
        readonly binary: string,
        registry: string,
        username: string,
        password: string,
    ) {
        const auth = Buffer.from(`${username}:${password}`).toString("base64");
        fs.writeFileSync(path.join(this.home, "config.json"), JSON.stringify({ auths: { [registry]: { auth } } }));
    }

    /** `cosign trusted-root create` naming only the local Fulcio (no Rekor, CT log or TSA of the public instance). */
    async trustedRoot(fulcioUrl: string, chainFile: string, tsa?: { url: string; chainFile: string }): Promise<string> {
        const out = path.join(this.home, tsa ? "trusted-root-with-tsa.json" : "trusted-root.json");
        const args = ["trusted-root", "create", "--fulcio", `url=${fulcioUrl},certificate-chain=${chainFile}`, "--out", out];
        if (tsa) args.push("--tsa", `url=${tsa.url},certificate-chain=${tsa.chainFile}`);
        const made = await this.run(args);
        if (made.code !== 0) throw new Error(`cosign trusted-root create failed:\n${made.output}`);
        return out;
    }

    run(args: string[]): Promise<CosignResult> {
        return new Promise((resolve) => {
            execFile(
                this.binary,
                args,
                {
                    env: { PATH: process.env.PATH, HOME: this.home, DOCKER_CONFIG: this.home, TUF_ROOT: path.join(this.home, "tuf") },
                    timeout: 120_000,
                },
                (error, stdout, stderr) =>
                    resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, output: `${stdout}\n${stderr}` }),
            );
        });
    }

    cleanup(): void {
        fs.rmSync(this.home, { recursive: true, force: true });
    }
}
