import { RegistryClient } from "./client";
import { OciError, OciOperation } from "./errors";
import { header } from "./http/transport";
import { uploadPath } from "./registryPaths";

const PUSH: ["pull", "push"] = ["pull", "push"];

/**
 * Asks the registry to mount a blob of repository `from` into `repository` (POST ?mount=&from=, distribution
 * spec): true when it did (201), so no bytes move. Any other answer means the caller uploads the blob instead.
 * The registry checks pull on `from` as well (distribution's authorized(); ACR uses the same token model), so
 * the token asks for both; an identity that may not read `from` gets a refusal, and the blob is uploaded.
 */
export async function mountBlob(
    client: RegistryClient,
    repository: string,
    digest: string,
    from: string,
    operation: OciOperation,
): Promise<boolean> {
    const query = new URLSearchParams({ mount: digest, from });
    let response;
    try {
        response = await client.send({
            operation,
            repository,
            actions: PUSH,
            scope: `repository:${repository}:pull,push repository:${from}:pull`,
            method: "POST",
            path: uploadPath(repository, query.toString()),
        });
    } catch (error) {
        if (error instanceof OciError && (error.code === "DENIED" || error.code === "UNAUTHORIZED")) return false;
        throw error;
    }
    if (response.status === 201) return true;
    // A 202 opened an ordinary upload session instead; it is not used, so it is cancelled (best effort).
    const location = header(response, "location");
    if (response.status === 202 && location) {
        const url = client.resolveUrl(location, { operation, registry: client.registry, repository, identity: client.identity });
        await client.send({ operation, repository, actions: PUSH, method: "DELETE", path: url.href, retry: false }).catch(() => undefined);
    }
    return false;
}
