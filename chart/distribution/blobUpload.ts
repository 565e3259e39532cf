import { RegistryClient } from "./client";
import { OciError } from "./errors";
import { Descriptor } from "./digest";
import { backoffDelayMs } from "./http/retry";
import { header } from "./http/transport";
import { blobPath, uploadPath } from "./registryPaths";

const PUSH: ["pull", "push"] = ["pull", "push"];

/**
 * Blobs up to this size are uploaded without asking first whether the registry has them. A new version's blobs are
 * new (the version is inside both the config and the archive), so the HEAD would be one more request answered 404;
 * re-sending a small blob the registry already holds costs about as much as that HEAD.
 */
export const UPLOAD_WITHOUT_ASKING_BYTES = 256 * 1024;

function shouldRestartUpload(error: unknown): boolean {
    if (!(error instanceof OciError)) return false;
    if (error.code === "CONNECTION_FAILED") return true;
    const status = error.status ?? 0;
    return status === 429 || status >= 500 || error.code === "BLOB_UPLOAD_UNKNOWN" || error.code === "BLOB_UPLOAD_INVALID";
}

/** true when the registry already has the blob in this repository (HEAD 200). */
export async function blobExists(client: RegistryClient, repository: string, digest: string): Promise<boolean> {
    const response = await client.send({
        operation: "push",
        repository,
        actions: PUSH,
        method: "HEAD",
        path: blobPath(repository, digest),
    });
    if (response.status === 200) return true;
    if (response.status === 404) return false;
    throw new OciError(`push ${client.registry}/${repository} failed: HEAD blob ${digest} returned HTTP ${response.status}.`, {
        operation: "push",
        registry: client.registry,
        repository,
        status: response.status,
    });
}

/** POST an upload session, then PUT the whole blob with ?digest= (distribution has no single-POST upload). */
async function uploadOnce(client: RegistryClient, repository: string, blob: Descriptor, data: Buffer): Promise<void> {
    const ctx = { operation: "push" as const, registry: client.registry, repository };
    const started = await client.send({ ...ctx, actions: PUSH, method: "POST", path: uploadPath(repository) });
    const location = header(started, "location");
    if (started.status !== 202 || !location) {
        throw new OciError(`push ${client.registry}/${repository} failed: starting a blob upload returned HTTP ${started.status}.`, {
            ...ctx,
            status: started.status,
        });
    }
    const url = client.resolveUrl(location, { ...ctx, identity: client.identity });
    url.searchParams.set("digest", blob.digest);
    // One attempt: a failed PUT may have consumed the session, so retries restart from POST.
    const done = await client.send({
        ...ctx,
        actions: PUSH,
        method: "PUT",
        path: url.href,
        body: data,
        retry: false,
        headers: { "content-type": "application/octet-stream" },
    });
    if (done.status !== 201) {
        const code = done.status === 404 ? "BLOB_UPLOAD_UNKNOWN" : undefined;
        throw new OciError(`push ${client.registry}/${repository} failed: uploading blob ${blob.digest} returned HTTP ${done.status}.`, {
            ...ctx,
            status: done.status,
            code,
        });
    }
}

/**
 * Uploads a blob unless present (asked only for blobs over UPLOAD_WITHOUT_ASKING_BYTES); a dropped or failed upload
 * restarts with a new session (bounded, with backoff). Returns whether it uploaded.
 */
export async function ensureBlob(client: RegistryClient, repository: string, blob: Descriptor, data: Buffer): Promise<boolean> {
    const retry = client.retryOptions;
    const ask = data.length > UPLOAD_WITHOUT_ASKING_BYTES;
    for (let attempt = 1; ; attempt++) {
        if ((ask || attempt > 1) && (await blobExists(client, repository, blob.digest))) {
            return false;
        }
        try {
            await uploadOnce(client, repository, blob, data);
            return true;
        } catch (error) {
            if (attempt >= retry.maxAttempts || !shouldRestartUpload(error)) throw error;
            client.stats.retries++;
            const ctx = { operation: "push" as const, registry: client.registry, repository, identity: client.identity };
            await client.waitBeforeRetry(backoffDelayMs(attempt, retry), `uploading blob ${blob.digest}: ${(error as Error).message}`, ctx);
        }
    }
}
