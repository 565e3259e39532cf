import { fetchVerifiedBlob } from "./blobDownload";
import { mountBlob } from "./blobMount";
import { blobExists, ensureBlob } from "./blobUpload";
import { RegistryClient, RegistryRequest, ScopeAction } from "./client";
import { TimeoutOptions } from "./http/deadline";
import { Descriptor } from "./digest";
import { OciOperation } from "./errors";
import { getManifest, headManifest } from "./manifestRequests";
import { validateRepositoryName } from "./names";
import { blobPath, manifestPath, referrersPath } from "./registryPaths";
import { HttpResponse } from "./http/transport";

/**
 * One repository of one registry, reached through one client (its identity, tokens and connections): what the
 * layers above work on instead of passing a registry, a repository name and connection options along.
 */
export class Repository {
    constructor(
        readonly client: RegistryClient,
        readonly name: string,
    ) {
        validateRepositoryName(name, client.registry);
    }

    get registry(): string {
        return this.client.registry;
    }

    /** `registry/repository`, as errors and results name it. */
    get ref(): string {
        return `${this.client.registry}/${this.name}`;
    }

    /** Runs one operation under one deadline (see RegistryClient.operation). */
    operation<T>(timeouts: TimeoutOptions | undefined, fn: () => Promise<T>): Promise<T> {
        return this.client.operation(timeouts, fn);
    }

    /** Sends one request about this repository (its token scope) through the client: auth, retries, deadline. */
    send(request: Omit<RegistryRequest, "repository">): Promise<HttpResponse> {
        return this.client.send({ ...request, repository: this.name });
    }

    /** `/v2/<repository>/manifests/<tag or digest>` */
    manifestPath(reference: string): string {
        return manifestPath(this.name, reference);
    }

    /** `/v2/<repository>/referrers/<digest>`, filtered by artifact type when one is given. */
    referrersPath(subjectDigest: string, artifactType?: string): string {
        return referrersPath(this.name, subjectDigest, artifactType);
    }

    /** `/v2/<repository>/blobs/<digest>` */
    blobPath(digest: string): string {
        return blobPath(this.name, digest);
    }

    /** The digest a tag or digest reference names, or undefined when absent (one HEAD request). */
    headManifest(reference: string, operation: OciOperation, actions: ScopeAction[]): Promise<string | undefined> {
        return headManifest({ client: this.client, operation, repository: this.name, reference, actions });
    }

    /** A manifest's bytes and digest, verified, or undefined when absent. */
    getManifest(reference: string, operation: OciOperation, actions: ScopeAction[], maxBodyBytes?: number) {
        return getManifest({ client: this.client, operation, repository: this.name, reference, actions, maxBodyBytes });
    }

    /** PUTs manifest bytes under a tag or digest, as they are; the caller judges the registry's answer. */
    putManifest(reference: string, body: Buffer, mediaType: string, operation: OciOperation): Promise<HttpResponse> {
        return this.send({
            operation,
            actions: ["pull", "push"],
            method: "PUT",
            path: this.manifestPath(reference),
            headers: { "content-type": mediaType },
            body,
        });
    }

    blobExists(digest: string): Promise<boolean> {
        return blobExists(this.client, this.name, digest);
    }

    /** Uploads a blob unless the repository has it; true when it was uploaded. */
    ensureBlob(blob: Descriptor, data: Buffer): Promise<boolean> {
        return ensureBlob(this.client, this.name, blob, data);
    }

    /** A blob's bytes, never more than its descriptor declares, with size and digest checked. */
    fetchBlob(blob: Descriptor, operation: OciOperation): Promise<Buffer> {
        return fetchVerifiedBlob(this.client, this.name, operation, blob);
    }

    /**
     * Mounts a blob of `from` into this repository without moving its bytes: true when the registry did. Only
     * possible within one registry; across registries it sends nothing and returns false.
     */
    async mountBlob(digest: string, from: Repository, operation: OciOperation): Promise<boolean> {
        if (from.client.baseUrl !== this.client.baseUrl) return false;
        return mountBlob(this.client, this.name, digest, from.name, operation);
    }
}
