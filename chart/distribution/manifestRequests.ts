import { RegistryClient, ScopeAction } from "./client";
import { OciError, OciOperation } from "./errors";
import { SHA256_DIGEST, sha256Digest } from "./digest";
import { MANIFEST_ACCEPT } from "./mediaTypes";
import { header } from "./http/transport";
import { manifestPath } from "./registryPaths";

export interface ManifestLookup {
    client: RegistryClient;
    operation: OciOperation;
    repository: string;
    /** tag or digest */
    reference: string;
    actions: ScopeAction[];
    /** Largest manifest accepted on GET. Default 4 MiB, distribution's own limit. */
    maxBodyBytes?: number;
}

function unexpected(lookup: ManifestLookup, what: string, status: number, code?: string): OciError {
    return new OciError(
        `${lookup.operation} ${lookup.client.registry}/${lookup.repository} failed: ${what} ${lookup.reference} returned HTTP ${status}.`,
        { operation: lookup.operation, registry: lookup.client.registry, repository: lookup.repository, status, code },
    );
}

/** GET a manifest with the OCI Accept header; returns bytes and digest (verified against Docker-Content-Digest), or undefined on 404. */
export async function getManifest(lookup: ManifestLookup): Promise<{ bytes: Buffer; digest: string; mediaType?: string } | undefined> {
    const { client, repository, reference } = lookup;
    const response = await client.send({
        operation: lookup.operation,
        repository,
        actions: lookup.actions,
        method: "GET",
        path: manifestPath(repository, reference),
        headers: { accept: MANIFEST_ACCEPT },
        maxBodyBytes: lookup.maxBodyBytes ?? 4 * 1024 * 1024,
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw unexpected(lookup, "GET manifest", response.status);
    const digest = sha256Digest(response.body);
    const claimed = header(response, "docker-content-digest");
    if ((claimed && claimed !== digest) || (reference.startsWith("sha256:") && reference !== digest)) {
        throw unexpected(lookup, `manifest digest mismatch (got ${digest}) for`, response.status, "DIGEST_INVALID");
    }
    return { bytes: response.body, digest, mediaType: header(response, "content-type") };
}

/** HEAD a manifest: its digest, or undefined when the tag/digest does not exist. Falls back to GET if the digest header is missing. */
export async function headManifest(lookup: ManifestLookup): Promise<string | undefined> {
    const { client, repository, reference } = lookup;
    const response = await client.send({
        operation: lookup.operation,
        repository,
        actions: lookup.actions,
        method: "HEAD",
        path: manifestPath(repository, reference),
        headers: { accept: MANIFEST_ACCEPT },
    });
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw unexpected(lookup, "HEAD manifest", response.status);
    // A digest header that is not a sha256 digest is not trusted: the manifest is fetched and hashed instead.
    const claimed = header(response, "docker-content-digest");
    return claimed && SHA256_DIGEST.test(claimed) ? claimed : (await getManifest(lookup))?.digest;
}
