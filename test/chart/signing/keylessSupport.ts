import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { descriptorOf, Descriptor } from "../../../chart/distribution/digest";
import { OCI_INDEX_MEDIA_TYPE, OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { Repository } from "../../../chart/distribution/repository";
import { COSIGN_SIGN_PREDICATE_TYPE } from "../../../chart/signing/sigstore/keylessSigner";

export const BUNDLE_V03_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
const EMPTY_CONFIG = Buffer.from("{}");

/**
 * Attaches a bundle to `subject` as cosign v3 does on a registry without the Referrers API: a referrer manifest
 * (artifactType = bundle media type, empty config, the bundle as its one layer) listed in the `sha256-<hex>` index.
 * The index is written fresh: the subject must have no other referrers.
 */
export async function attachBundle(repository: Repository, subject: Descriptor, bundleJson: string): Promise<string> {
    const bundle = Buffer.from(bundleJson);
    const config = descriptorOf("application/vnd.oci.empty.v1+json", EMPTY_CONFIG);
    const layer = descriptorOf(BUNDLE_V03_MEDIA_TYPE, bundle);
    const annotations = { "dev.sigstore.bundle.content": "dsse-envelope", "dev.sigstore.bundle.predicateType": COSIGN_SIGN_PREDICATE_TYPE };
    const manifest = Buffer.from(
        JSON.stringify({
            schemaVersion: 2,
            mediaType: OCI_MANIFEST_MEDIA_TYPE,
            artifactType: BUNDLE_V03_MEDIA_TYPE,
            config,
            layers: [layer],
            subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
            annotations,
        }),
    );
    const described = { ...descriptorOf(OCI_MANIFEST_MEDIA_TYPE, manifest), artifactType: BUNDLE_V03_MEDIA_TYPE, annotations };
    await repository.ensureBlob(config, EMPTY_CONFIG);
    await repository.ensureBlob(layer, bundle);
    const put = await repository.putManifest(described.digest, manifest, OCI_MANIFEST_MEDIA_TYPE, "push");
    if (put.status !== 201) throw new Error(`PUT referrer manifest: HTTP ${put.status}`);
    const index = Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX_MEDIA_TYPE, manifests: [described] }));
    const tagged = await repository.putManifest(subject.digest.replace(":", "-"), index, OCI_INDEX_MEDIA_TYPE, "push");
    if (tagged.status !== 201) throw new Error(`PUT referrers index: HTTP ${tagged.status}`);
    return described.digest;
}

/** cosign v3 (scripts/setup-tools.sh builds v2 as `cosign`; v3 is looked up in the tool cache or $COSIGN_V3). */
export function cosignV3Binary(): string | undefined {
    const cache =
        process.env.ACR_HELM_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-acr-helm");
    const candidates = [process.env.COSIGN_V3, path.join(cache, "cosign", "v3.1.3", "cosign")];
    return candidates.find((file): file is string => !!file && fs.existsSync(file));
}

export interface CosignResult {
    code: number;
    output: string;
}

/** Runs cosign with a HOME and Docker config of its own (registry credentials), no TUF root fetched. */
export class Cosign3 {
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
