import { parseAllDocuments } from "yaml";

/** One Kubernetes object of a rendered manifest. */
export interface ManifestObject {
    apiVersion: string;
    kind: string;
    metadata: { name: string; namespace?: string; [k: string]: unknown };
    [field: string]: unknown;
}

/**
 * Parses Helm's manifest text (YAML documents separated by `---`, with `# Source:` comments, empty documents skipped;
 * `List` kinds expanded into their items) into objects. Objects without a namespace get `defaultNamespace`.
 * Throws an Error naming the document number when a document is not a Kubernetes object (no apiVersion/kind/metadata.name).
 */
export function parseManifest(manifest: string, defaultNamespace: string): ManifestObject[] {
    const objects: ManifestObject[] = [];
    parseAllDocuments(manifest).forEach((document, index) => {
        // Helm's `# Source:` comment belongs to the document, or to its contents when no blank line follows it.
        const source = (document.commentBefore ?? document.contents?.commentBefore)?.match(/Source: *(.+)/)?.[1].trim();
        const where = `manifest document ${index + 1}${source ? ` (${source})` : ""}`;
        // Only the error's position, not its message: the message quotes the document's text, which may be a secret.
        if (document.errors.length > 0) throw new Error(`${where} is not valid YAML (${document.errors[0].code})`);
        const value: unknown = document.toJS();
        if (value === null || value === undefined) return;
        // A List (kubectl's `kind: List`, or `<Kind>List`) needs no metadata.name of its own.
        if (isRecord(value) && typeof value.kind === "string" && value.kind.endsWith("List") && Array.isArray(value.items)) {
            value.items.forEach((item, i) => objects.push(asObject(item, `${where}, item ${i + 1}`)));
        } else {
            objects.push(asObject(value, where));
        }
    });
    return withNamespace(objects, defaultNamespace);
}

/** Objects already parsed (e.g. a `helm template` result), checked like a manifest's documents. */
export function manifestObjects(values: readonly unknown[], defaultNamespace: string): ManifestObject[] {
    return withNamespace(
        values.map((value, index) => asObject(value, `object ${index + 1}`)),
        defaultNamespace,
    );
}

function withNamespace(objects: ManifestObject[], defaultNamespace: string): ManifestObject[] {
    for (const object of objects) object.metadata.namespace ??= defaultNamespace;
    return objects;
}

function asObject(value: unknown, where: string): ManifestObject {
    const missing = missingField(value);
    if (missing) throw new Error(`${where} is not a Kubernetes object: it has no ${missing}`);
    return value as ManifestObject;
}

function missingField(value: unknown): string | undefined {
    if (!isRecord(value)) return "apiVersion, kind or metadata (it is not a mapping)";
    if (!nonEmptyString(value.apiVersion)) return "apiVersion";
    if (!nonEmptyString(value.kind)) return "kind";
    if (!isRecord(value.metadata) || !nonEmptyString(value.metadata.name)) return "metadata.name";
    return undefined;
}

export function isRecord(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): boolean {
    return typeof value === "string" && value !== "";
}
