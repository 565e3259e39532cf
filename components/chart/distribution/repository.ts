import { blobExists, ensureBlob } from "./blobUpload";
import { RegistryClient, ScopeAction } from "./client";
import { TimeoutOptions } from "./deadline";
import { Descriptor } from "./digest";
import { OciOperation } from "./errors";
import { getManifest, headManifest } from "./manifestRequests";
import { validateRepositoryName } from "./names";

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

    /** The digest a tag or digest reference names, or undefined when absent (one HEAD request). */
    headManifest(reference: string, operation: OciOperation, actions: ScopeAction[]): Promise<string | undefined> {
        return headManifest({ client: this.client, operation, repository: this.name, reference, actions });
    }

    /** A manifest's bytes and digest, verified, or undefined when absent. */
    getManifest(reference: string, operation: OciOperation, actions: ScopeAction[], maxBodyBytes?: number) {
        return getManifest({ client: this.client, operation, repository: this.name, reference, actions, maxBodyBytes });
    }

    blobExists(digest: string): Promise<boolean> {
        return blobExists(this.client, this.name, digest);
    }

    /** Uploads a blob unless the repository has it; true when it was uploaded. */
    ensureBlob(blob: Descriptor, data: Buffer): Promise<boolean> {
        return ensureBlob(this.client, this.name, blob, data);
    }
}
