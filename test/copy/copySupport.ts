import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { RawRegistryClient } from "../support/rawRegistry";

const run = promisify(execFile);

/** skopeo's own view of a tag: the raw manifest it reads, and the digest `skopeo manifest-digest` computes for it. */
export async function skopeoDigest(
    authFile: string,
    host: string,
    repository: string,
    tag: string,
    work: string,
): Promise<{ digest: string; manifest: Record<string, unknown> }> {
    const { stdout } = await run(
        "skopeo",
        ["inspect", "--raw", "--tls-verify=false", "--authfile", authFile, `docker://${host}/${repository}:${tag}`],
        { encoding: "buffer" } as never,
    );
    const file = path.join(work, `manifest-${Date.now()}-${Math.random().toString(36).slice(2)}.json`);
    fs.writeFileSync(file, stdout as unknown as Buffer);
    const digest = (await run("skopeo", ["manifest-digest", file])).stdout.trim();
    return { digest, manifest: JSON.parse(fs.readFileSync(file, "utf8")) as Record<string, unknown> };
}

export function writeAuthFile(file: string, logins: Record<string, { username: string; password: string }>): void {
    const auths = Object.fromEntries(
        Object.entries(logins).map(([host, login]) => [
            host,
            { auth: Buffer.from(`${login.username}:${login.password}`).toString("base64") },
        ]),
    );
    fs.writeFileSync(file, JSON.stringify({ auths }), { mode: 0o600 });
}

/** A signature manifest laid out as cosign stores it: tag sha256-<hex>.sig, a simplesigning payload layer carrying the signature annotation. */
export async function pushCosignStyleSignature(
    raw: RawRegistryClient,
    repository: string,
    signedDigest: string,
    signature: string,
): Promise<string> {
    const payload = Buffer.from(
        JSON.stringify({
            critical: {
                identity: { "docker-reference": repository },
                image: { "docker-manifest-digest": signedDigest },
                type: "cosign container image signature",
            },
            optional: null,
        }),
    );
    const layer = await raw.putBlob(repository, payload);
    const config = await raw.putBlob(
        repository,
        Buffer.from(JSON.stringify({ architecture: "", os: "", config: {}, rootfs: { type: "layers", diff_ids: [layer.digest] } })),
    );
    return raw.putManifest(repository, `${signedDigest.replace(":", "-")}.sig`, {
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: [
            {
                mediaType: "application/vnd.dev.cosign.simplesigning.v1+json",
                ...layer,
                annotations: { "dev.cosignproject.cosign/signature": signature },
            },
        ],
    });
}
