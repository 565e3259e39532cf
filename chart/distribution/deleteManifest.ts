import { LockMode, lockApplies, setWriteEnabled } from "./acr/acrLock";
import { RegistryClient } from "./client";
import { openRepository, RegistryConnectionOptions } from "./connection";
import { TimeoutOptions } from "./http/deadline";
import { SHA256_DIGEST } from "./digest";
import { OciError } from "./errors";
import { registryErrorOf } from "./errorMessages";
import { TAG } from "./names";
import { Repository } from "./repository";
import { HttpResponse } from "./http/transport";
import { manifestPath } from "./registryPaths";

export interface DeleteManifestOptions extends RegistryConnectionOptions {
    repository: string;
    /** "sha256:..." — registries delete by digest; this also removes every tag pointing at it. */
    digest: string;
    /**
     * When the registry refuses because the manifest or its tags are locked (as lockAfterPush leaves them),
     * unlock them and delete again. "auto" (default): on *.azurecr.io registries; false: never.
     */
    unlockLocked?: LockMode;
}

/** Deletes a manifest by digest. Returns false when it was already gone. */
export async function deleteManifest(options: DeleteManifestOptions): Promise<boolean> {
    return deleteManifestIn(openRepository(options, options.repository), options.digest, options);
}

/** Deletes a manifest of `target` by digest (and so every tag naming it). Returns false when it was already gone. */
export async function deleteManifestIn(
    target: Repository,
    digest: string,
    options: TimeoutOptions & { unlockLocked?: LockMode } = {},
): Promise<boolean> {
    const { client, name: repository } = target;
    if (!SHA256_DIGEST.test(digest)) {
        throw new OciError(`delete ${target.ref} failed: "${digest}" is not a sha256 manifest digest; resolve the tag first.`, {
            operation: "validate",
            registry: client.registry,
            repository,
            code: "DIGEST_INVALID",
        });
    }
    return client.operation(options, async () => {
        let response = await sendDelete(client, repository, digest);
        if (isLockRefusal(response) && lockApplies(options.unlockLocked, client.registry)) {
            await unlockManifestAndTags(client, repository, digest);
            response = await sendDelete(client, repository, digest);
        }
        if (response.status === 202 || response.status === 200) return true;
        if (response.status === 404) return false;
        const hint = isLockRefusal(response)
            ? " The manifest or one of its tags is locked (writeEnabled false); unlock it first."
            : response.status === 405
              ? " Deletion is disabled on this registry."
              : "";
        throw new OciError(`delete ${client.registry}/${repository}@${digest} failed: HTTP ${response.status}.${hint}`, {
            operation: "delete",
            registry: client.registry,
            repository,
            status: response.status,
            code: registryErrorOf(response.body)?.code,
        });
    });
}

function sendDelete(client: RegistryClient, repository: string, digest: string): Promise<HttpResponse> {
    return client.send({
        operation: "delete",
        repository,
        actions: ["delete"],
        method: "DELETE",
        path: manifestPath(repository, digest),
    });
}

/** Azure Container Registry's answer to a write or delete on a locked tag or manifest. */
function isLockRefusal(response: HttpResponse): boolean {
    return response.status === 405 && registryErrorOf(response.body)?.code === "REGISTRY_DISALLOWED_OPERATION";
}

async function unlockManifestAndTags(client: RegistryClient, repository: string, digest: string): Promise<void> {
    const answer = await setWriteEnabled(client, { repository, reference: digest }, true);
    const tags = (answer.manifest?.tags ?? []).filter((tag) => typeof tag === "string" && TAG.test(tag));
    for (const tag of tags) await setWriteEnabled(client, { repository, reference: tag }, true);
}
