import { OciError } from "../distribution/errors";
import { validateRegistryHost, validateRepositoryName } from "../distribution/names";

/** A registry and an optional namespace inside it: `oci://<registry>[/<namespace>]`. */
export interface RegistryNamespace {
    registry: string;
    /** "" for the whole registry */
    namespace: string;
}

export function parseRegistryNamespace(ref: string): RegistryNamespace {
    const match = /^oci:\/\/([^/]+)(?:\/(.*))?$/.exec(ref.trim());
    if (!match) {
        throw new OciError(`Reference "${ref}" is not of the form oci://<registry>[/<namespace>], e.g. oci://myacr.azurecr.io/helm.`, {
            operation: "validate",
            registry: ref,
            code: "NAME_INVALID",
        });
    }
    const registry = match[1].toLowerCase();
    const namespace = (match[2] ?? "").replace(/\/+$/, "");
    validateRegistryHost(registry);
    if (namespace) validateRepositoryName(namespace, registry);
    return { registry, namespace };
}
