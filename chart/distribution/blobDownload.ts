import { RegistryClient } from "./client";
import { Descriptor, sha256Digest } from "./digest";
import { OciError, OciOperation } from "./errors";
import { blobPath } from "./registryPaths";

/** GETs a blob, never reading more than its descriptor declares, and checks its size and digest before use. */
export async function fetchVerifiedBlob(
    client: RegistryClient,
    repository: string,
    operation: OciOperation,
    blob: Descriptor,
): Promise<Buffer> {
    const response = await client.send({
        operation,
        repository,
        actions: ["pull"],
        method: "GET",
        path: blobPath(repository, blob.digest),
        maxBodyBytes: blob.size,
    });
    const ctx = { operation, registry: client.registry, repository };
    if (response.status !== 200) {
        throw new OciError(
            `${operation} ${client.registry}/${repository} failed: GET blob ${blob.digest} returned HTTP ${response.status}.`,
            {
                ...ctx,
                status: response.status,
                code: response.status === 404 ? "BLOB_UNKNOWN" : undefined,
            },
        );
    }
    if (response.body.length !== blob.size || sha256Digest(response.body) !== blob.digest) {
        throw new OciError(
            `${operation} ${client.registry}/${repository} failed: blob ${blob.digest} does not match its descriptor (size or digest differs).`,
            {
                ...ctx,
                code: "DIGEST_INVALID",
            },
        );
    }
    return response.body;
}
