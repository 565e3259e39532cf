import { isRecord, ManifestObject } from "./manifestObjects";

export { ManifestObject, manifestObjects, parseManifest } from "./manifestObjects";

const maxPathsShown = 8;

/**
 * Lines describing how `planned` differs from `deployed`, sorted: "+ <apiVersion> <Kind> <namespace>/<name>" for added,
 * "- ..." for removed, "~ ...: <comma-separated changed field paths>" for changed objects (a path whose subtree was added
 * or removed is named once at its top; at most 8 paths, then ", and N more"). An object is identified by its apiVersion's
 * group (not version), kind, namespace and name. Only paths are named, never values, so secret values never show.
 */
export function describeObjectChanges(deployed: readonly ManifestObject[], planned: readonly ManifestObject[]): string[] {
    const before = byIdentity(deployed);
    const after = byIdentity(planned);
    const lines: string[] = [];
    for (const [identity, object] of after) {
        const old = before.get(identity);
        if (!old) {
            lines.push(`+ ${title(object)}`);
            continue;
        }
        // The version is left out: apps/v1beta1 -> apps/v1 is the same object served at another version.
        const paths = changedPaths({ ...old, apiVersion: "" }, { ...object, apiVersion: "" }, "");
        if (paths.length > 0) lines.push(`~ ${title(object)}: ${summarize(paths)}`);
    }
    for (const [identity, object] of before) {
        if (!after.has(identity)) lines.push(`- ${title(object)}`);
    }
    return lines.sort();
}

function byIdentity(objects: readonly ManifestObject[]): Map<string, ManifestObject> {
    const group = (apiVersion: string) => (apiVersion.includes("/") ? apiVersion.slice(0, apiVersion.lastIndexOf("/")) : "");
    return new Map(objects.map((o) => [JSON.stringify([group(o.apiVersion), o.kind, o.metadata.namespace ?? "", o.metadata.name]), o]));
}

function title(object: ManifestObject): string {
    return `${object.apiVersion} ${object.kind} ${object.metadata.namespace ?? ""}/${object.metadata.name}`;
}

function summarize(paths: string[]): string {
    const shown = paths.slice(0, maxPathsShown).join(", ");
    return paths.length > maxPathsShown ? `${shown}, and ${paths.length - maxPathsShown} more` : shown;
}

/** Paths where `a` and `b` differ, mappings' keys in sorted order; `path` names `a` and `b` themselves. */
function changedPaths(a: unknown, b: unknown, path: string): string[] {
    if (Array.isArray(a) && Array.isArray(b)) {
        return Array.from({ length: Math.max(a.length, b.length) }, (_, i) =>
            i < a.length && i < b.length ? changedPaths(a[i], b[i], `${path}[${i}]`) : [`${path}[${i}]`],
        ).flat();
    }
    if (isRecord(a) && isRecord(b)) {
        const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].sort();
        return keys.flatMap((key) => {
            const child = path + keyPath(key, path === "");
            return Object.hasOwn(a, key) && Object.hasOwn(b, key) ? changedPaths(a[key], b[key], child) : [child];
        });
    }
    return Object.is(a, b) ? [] : [path];
}

function keyPath(key: string, atRoot: boolean): string {
    if (!/^[A-Za-z0-9_-]+$/.test(key)) return `[${JSON.stringify(key)}]`;
    return atRoot ? key : `.${key}`;
}
