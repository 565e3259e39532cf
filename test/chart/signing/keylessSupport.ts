import * as path from "path";
import { CosignCli } from "./signedToolsSupport";

export interface CosignResult {
    code: number;
    output: string;
}

/** cosign for keyless checks: the signed-tools cosign plus building a trusted root for the local Fulcio. */
export class CosignKeyless extends CosignCli {
    /** `cosign trusted-root create` naming only the local Fulcio (no Rekor, CT log or TSA of the public instance). */
    async trustedRoot(fulcioUrl: string, chainFile: string, tsa?: { url: string; chainFile: string }): Promise<string> {
        const out = path.join(this.home, tsa ? "trusted-root-with-tsa.json" : "trusted-root.json");
        const args = ["trusted-root", "create", "--fulcio", `url=${fulcioUrl},certificate-chain=${chainFile}`, "--out", out];
        if (tsa) args.push("--tsa", `url=${tsa.url},certificate-chain=${tsa.chainFile}`);
        const made = await this.run(args);
        if (made.code !== 0) throw new Error(`cosign trusted-root create failed:\n${made.output}`);
        return out;
    }
}
