import { OciError } from "./errors";

/** distribution-spec v1.1.1 repository name grammar (path components separated by "/"). */
const REPOSITORY_NAME = /^[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*(\/[a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*)*$/;
/** distribution-spec v1.1.1 tag grammar. */
export const TAG = /^[a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}$/;
/** host, host:port, or [ipv6]:port — lower-case to keep the registry identity canonical. */
const REGISTRY_HOST = /^([a-zA-Z0-9-]+(\.[a-zA-Z0-9-]+)*|\[[0-9a-fA-F:]+\])(:[0-9]{1,5})?$/;

export interface OciReference {
    /** host[:port], e.g. "myacr.azurecr.io" or "127.0.0.1:5000" */
    registry: string;
    /** repository path inside the registry, e.g. "helm/hello-acr" */
    repository: string;
}

function invalid(message: string, registry: string, repository?: string): OciError {
    return new OciError(message, { operation: "validate", registry, repository, code: "NAME_INVALID" });
}

/** Throws naming the registry and the expected form unless it is host[:port] without scheme or path. */
export function validateRegistryHost(registry: string): void {
    if (!REGISTRY_HOST.test(registry)) {
        throw invalid(
            `Registry "${registry}" is not a valid registry host: use host[:port] without scheme or path ` +
                `(for example "myacr.azurecr.io" or "127.0.0.1:5000").`,
            registry,
        );
    }
}

/** Throws before any network call when the repository name breaks the distribution-spec grammar. */
export function validateRepositoryName(repository: string, registry = ""): void {
    if (repository.length > 0 && repository.length <= 255 && REPOSITORY_NAME.test(repository)) {
        return;
    }
    const hint =
        repository !== repository.toLowerCase()
            ? `use lower case ("${repository.toLowerCase()}")`
            : "use lower-case letters, digits and single separators (., _, __, -) between path components split by /";
    throw invalid(`Repository name "${repository}" is not a valid OCI repository name: ${hint}.`, registry, repository);
}

/** Parses "oci://host[:port]/path" into registry and repository, validating both. */
export function parseOciRef(ref: string): OciReference {
    const match = /^oci:\/\/([^/]+)\/(.+)$/.exec(ref.trim());
    if (!match) {
        throw invalid(`Reference "${ref}" is not of the form oci://<registry>/<repository>.`, ref);
    }
    const registry = match[1].toLowerCase();
    const repository = match[2].replace(/\/+$/, "");
    validateRegistryHost(registry);
    validateRepositoryName(repository, registry);
    return { registry, repository };
}
