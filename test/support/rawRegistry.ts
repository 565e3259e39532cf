import { createHash } from "crypto";
import * as http from "http";

/**
 * A deliberately small registry client for building hostile artifacts in tests: blob upload (POST + PUT)
 * and manifest PUT with Basic auth, written against the distribution API directly so that nothing of
 * the package under test shapes what gets stored.
 */
export interface RawDescriptor {
    mediaType: unknown;
    digest: unknown;
    size: unknown;
}

export function sha256(data: Buffer): string {
    return "sha256:" + createHash("sha256").update(data).digest("hex");
}

export class RawRegistryClient {
    constructor(
        private readonly host: string,
        private readonly username: string,
        private readonly password: string,
    ) {}

    request(
        method: string,
        path: string,
        body?: Buffer,
        headers: Record<string, string> = {},
    ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
        const [hostname, port] = this.host.split(":");
        const auth = "Basic " + Buffer.from(`${this.username}:${this.password}`).toString("base64");
        return new Promise((resolve, reject) => {
            const req = http.request(
                {
                    hostname,
                    port: Number(port),
                    method,
                    path,
                    headers: { authorization: auth, "content-length": String(body?.length ?? 0), ...headers },
                },
                (res) => {
                    const chunks: Buffer[] = [];
                    res.on("data", (chunk: Buffer) => chunks.push(chunk));
                    res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
                },
            );
            req.on("error", reject);
            req.end(body);
        });
    }

    /** Uploads bytes as a blob; returns its real digest and size. */
    async putBlob(repository: string, data: Buffer): Promise<{ digest: string; size: number }> {
        const digest = sha256(data);
        const started = await this.request("POST", `/v2/${repository}/blobs/uploads/`);
        if (started.status !== 202) throw new Error(`POST upload: HTTP ${started.status}`);
        const location = new URL(String(started.headers.location), `http://${this.host}`);
        location.searchParams.set("digest", digest);
        const done = await this.request("PUT", location.pathname + location.search, data, { "content-type": "application/octet-stream" });
        if (done.status !== 201) throw new Error(`PUT blob: HTTP ${done.status} ${done.body.toString()}`);
        return { digest, size: data.length };
    }

    /** Stores a manifest (any JSON value) under a tag; returns its digest. */
    async putManifest(repository: string, tag: string, manifest: unknown): Promise<string> {
        const body = Buffer.from(JSON.stringify(manifest));
        const put = await this.request("PUT", `/v2/${repository}/manifests/${tag}`, body, {
            "content-type": "application/vnd.oci.image.manifest.v1+json",
        });
        if (put.status !== 201) throw new Error(`PUT manifest: HTTP ${put.status} ${put.body.toString()}`);
        return sha256(body);
    }
}
