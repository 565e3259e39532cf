import type { ManifestObject } from "../manifestObjects";
import { KubeApi, KubeApiError } from "./kubeApi";

interface ApiResource {
    name: string;
    kind: string;
    namespaced: boolean;
}

/**
 * Deletes the objects of a manifest, as `helm uninstall` does (owned objects go with them, in the background).
 * Resolves each kind to its resource through the API server's discovery. Returns what was deleted, as
 * `<Kind> <namespace>/<name>`; objects already gone, or of a kind the cluster no longer serves, are skipped.
 */
export async function deleteObjects(api: KubeApi, objects: readonly ManifestObject[]): Promise<string[]> {
    const discovered = new Map<string, Promise<ApiResource[]>>();
    const deleted: string[] = [];
    for (const object of [...objects].reverse()) {
        const groupVersion = object.apiVersion;
        if (!discovered.has(groupVersion)) discovered.set(groupVersion, resourcesOf(api, groupVersion));
        const resource = (await discovered.get(groupVersion))?.find(
            (candidate) => candidate.kind === object.kind && !candidate.name.includes("/"),
        );
        if (!resource) continue;
        const namespace = object.metadata.namespace;
        const scope = resource.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : "";
        const path = `${apiRoot(groupVersion)}${scope}/${resource.name}/${encodeURIComponent(object.metadata.name)}`;
        const response = await api.request("DELETE", path, { propagationPolicy: "Background" });
        if (response.status === 404) continue;
        if (response.status < 200 || response.status > 299)
            throw new KubeApiError(
                `deleting ${object.kind} ${namespace ?? ""}/${object.metadata.name}: ${response.status}`,
                response.status,
            );
        deleted.push(`${object.kind} ${resource.namespaced && namespace ? `${namespace}/` : ""}${object.metadata.name}`);
    }
    return deleted;
}

function apiRoot(groupVersion: string): string {
    return groupVersion.includes("/") ? `/apis/${groupVersion}` : `/api/${groupVersion}`;
}

async function resourcesOf(api: KubeApi, groupVersion: string): Promise<ApiResource[]> {
    const response = await api.request("GET", apiRoot(groupVersion));
    if (response.status === 404) return [];
    if (response.status !== 200)
        throw new KubeApiError(`discovering the resources of ${groupVersion}: ${response.status}`, response.status);
    const resources = (JSON.parse(response.body) as { resources?: unknown[] }).resources ?? [];
    return resources.filter(
        (resource): resource is ApiResource =>
            typeof (resource as ApiResource).name === "string" && typeof (resource as ApiResource).kind === "string",
    );
}
