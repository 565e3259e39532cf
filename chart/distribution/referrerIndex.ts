import { Descriptor, SHA256_DIGEST } from "./digest";
import { OCI_INDEX_MEDIA_TYPE } from "./mediaTypes";

/** A manifest that names another as its `subject`, as a referrers listing describes it. */
export interface ReferrerDescriptor extends Descriptor {
    artifactType?: string;
    annotations?: Record<string, string>;
}

/** The OCI tag schema's fallback tag for a subject's referrers on registries without the Referrers API: `sha256-<hex>`. */
export function referrersTag(subjectDigest: string): string {
    return subjectDigest.replace(":", "-");
}

/**
 * The descriptors of a referrers index (a Referrers API answer or the fallback tag's index), untrusted: entries that
 * are not well-formed descriptors are dropped, and a digest listed twice is kept once.
 */
export function referrerDescriptors(index: unknown): ReferrerDescriptor[] {
    const manifests = (index as { manifests?: unknown } | null)?.manifests;
    if (!Array.isArray(manifests)) return [];
    const seen = new Set<string>();
    const result: ReferrerDescriptor[] = [];
    for (const entry of manifests) {
        const descriptor = wellFormed(entry);
        if (!descriptor || seen.has(descriptor.digest)) continue;
        seen.add(descriptor.digest);
        result.push(descriptor);
    }
    return result;
}

/** The fallback tag's index listing `descriptors`, in their order. */
export function referrersIndex(descriptors: readonly ReferrerDescriptor[]): Buffer {
    return Buffer.from(JSON.stringify({ schemaVersion: 2, mediaType: OCI_INDEX_MEDIA_TYPE, manifests: descriptors }));
}

function wellFormed(entry: unknown): ReferrerDescriptor | undefined {
    if (typeof entry !== "object" || entry === null) return undefined;
    const { mediaType, digest, size, artifactType, annotations } = entry as Record<string, unknown>;
    if (typeof mediaType !== "string" || typeof digest !== "string" || !SHA256_DIGEST.test(digest)) return undefined;
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) return undefined;
    const descriptor: ReferrerDescriptor = { mediaType, digest, size };
    if (typeof artifactType === "string") descriptor.artifactType = artifactType;
    const strings = stringMap(annotations);
    if (strings) descriptor.annotations = strings;
    return descriptor;
}

function stringMap(value: unknown): Record<string, string> | undefined {
    if (typeof value !== "object" || value === null || Array.isArray(value)) return undefined;
    const entries = Object.entries(value).filter((entry): entry is [string, string] => typeof entry[1] === "string");
    return entries.length > 0 ? Object.fromEntries(entries) : undefined;
}
