import { Descriptor, SHA256_DIGEST } from "../distribution/digest";
import * as mt from "./mediaTypes";
import { OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";

/**
 * Checks on what a registry sends for an artifact, before any of it is used: every value is treated as
 * hostile until its type, form and size are known. Failures are returned as [code, message] so the
 * caller adds the registry/repository context; messages quote offending values JSON-escaped and cut short.
 */
export const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** Helm refuses charts that decompress to more than 100 MiB; the compressed archive cannot legitimately be larger. */
export const MAX_CHART_LAYER_BYTES = 100 * 1024 * 1024;
const MAX_LAYERS = 16;

/** RFC 6838 type/subtype (with +suffix); parameters are not allowed in descriptors. */
const MEDIA_TYPE = /^[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}\/[A-Za-z0-9][A-Za-z0-9!#$&^_.+-]{0,126}$/;

export class ArtifactProblem extends Error {
    constructor(
        readonly code: string,
        message: string,
    ) {
        super(message);
        this.name = "ArtifactProblem";
    }
}

/** A value from the registry, quoted safely for an error message. */
export function quote(value: unknown): string {
    const text = JSON.stringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A descriptor with a media type, a sha256 digest and a size no larger than `maxSize`. */
export function checkedDescriptor(value: unknown, what: string, maxSize: number): Descriptor {
    if (!isObject(value)) throw new ArtifactProblem("MANIFEST_INVALID", `${what} is not a descriptor object (got ${quote(value)}).`);
    const { mediaType, digest, size } = value;
    if (typeof mediaType !== "string" || !MEDIA_TYPE.test(mediaType)) {
        throw new ArtifactProblem("MANIFEST_INVALID", `${what} has an invalid mediaType ${quote(mediaType)}.`);
    }
    if (typeof digest !== "string" || !SHA256_DIGEST.test(digest)) {
        throw new ArtifactProblem(
            "DIGEST_INVALID",
            `${what} has digest ${quote(digest)}; only sha256:<64 hex digits> digests are accepted.`,
        );
    }
    if (typeof size !== "number" || !Number.isSafeInteger(size) || size < 0) {
        throw new ArtifactProblem("SIZE_INVALID", `${what} has an invalid size ${quote(size)}.`);
    }
    if (size > maxSize) {
        throw new ArtifactProblem("SIZE_INVALID", `${what} declares ${size} bytes, more than the ${maxSize} bytes such a blob may have.`);
    }
    return { mediaType, digest, size };
}

export interface CheckedChartManifest {
    config: Descriptor;
    chartLayer: Descriptor;
    /** Helm's provenance layer (the signed .prov), when the chart was pushed with one. */
    provenanceLayer?: Descriptor;
}

/** A provenance file is a short clear-signed text; Helm itself reads it whole. */
export const MAX_PROVENANCE_BYTES = 1024 * 1024;

/** The manifest of a Helm chart: schema 2, a Helm config, exactly one chart layer, string annotations. */
export function checkedChartManifest(manifest: unknown): CheckedChartManifest {
    if (!isObject(manifest)) throw new ArtifactProblem("MANIFEST_INVALID", `the manifest is not a JSON object.`);
    if (manifest.schemaVersion !== 2 || (manifest.mediaType !== undefined && manifest.mediaType !== OCI_MANIFEST_MEDIA_TYPE)) {
        throw new ArtifactProblem(
            "NOT_A_CHART",
            `it is not an OCI image manifest (schemaVersion ${quote(manifest.schemaVersion)}, mediaType ${quote(manifest.mediaType)}).`,
        );
    }
    const configType = isObject(manifest.config) ? manifest.config.mediaType : undefined;
    if (configType !== mt.HELM_CONFIG_MEDIA_TYPE) {
        throw new ArtifactProblem(
            "NOT_A_CHART",
            `the artifact is not a Helm chart (config media type ${typeof configType === "string" ? configType : "missing"}).`,
        );
    }
    const config = checkedDescriptor(manifest.config, "the config descriptor", MAX_CONFIG_BYTES);
    if (!Array.isArray(manifest.layers) || manifest.layers.length > MAX_LAYERS) {
        throw new ArtifactProblem("MANIFEST_INVALID", `the manifest's layers must be a list of at most ${MAX_LAYERS} descriptors.`);
    }
    const layers = manifest.layers.map((layer, i) => checkedDescriptor(layer, `layer ${i}`, MAX_CHART_LAYER_BYTES));
    const charts = layers.filter((l) => l.mediaType === mt.HELM_CHART_LAYER_MEDIA_TYPE);
    const legacy = layers.filter((l) => l.mediaType === mt.LEGACY_CHART_LAYER_MEDIA_TYPE);
    const candidates = charts.length > 0 ? charts : legacy;
    if (candidates.length === 0) throw new ArtifactProblem("NOT_A_CHART", "the manifest has no Helm chart layer.");
    if (candidates.length > 1)
        throw new ArtifactProblem("MANIFEST_INVALID", `the manifest has ${candidates.length} chart layers; a chart has exactly one.`);
    const provenance = layers.filter((l) => l.mediaType === mt.HELM_PROVENANCE_LAYER_MEDIA_TYPE);
    if (provenance.length > 1)
        throw new ArtifactProblem("MANIFEST_INVALID", `the manifest has ${provenance.length} provenance layers; a chart has at most one.`);
    if (provenance[0] && provenance[0].size > MAX_PROVENANCE_BYTES) {
        throw new ArtifactProblem(
            "SIZE_INVALID",
            `the provenance layer declares ${provenance[0].size} bytes, more than the ${MAX_PROVENANCE_BYTES} bytes a provenance file may have.`,
        );
    }
    checkAnnotations(manifest.annotations);
    return { config, chartLayer: candidates[0], provenanceLayer: provenance[0] };
}

/** Annotations are never used as names or paths; they must still be a string map (OCI image-spec). */
function checkAnnotations(annotations: unknown): void {
    if (annotations === undefined) return;
    if (!isObject(annotations) || Object.values(annotations).some((v) => typeof v !== "string")) {
        throw new ArtifactProblem("MANIFEST_INVALID", "the manifest's annotations are not a map of strings.");
    }
}
