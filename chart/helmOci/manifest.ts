import type { ChartMetadata } from "../model/chartfile";
import { chartConfigJson } from "./chartConfig";
import { goJsonString, goJsonStruct, goJsonValue } from "./goJson";
import { Descriptor, descriptorOf, sha256Digest } from "../distribution/digest";
import * as mt from "./mediaTypes";

/** What a push needs from a packaged chart (PackagedChart from ../package satisfies it). */
export interface ChartToPush {
    metadata: ChartMetadata;
    /** the .tgz bytes */
    archive: Buffer;
    /** Helm provenance file (the signed `.prov`), pushed as the manifest's provenance layer. Default none. */
    provenance?: Buffer;
}

export interface HelmArtifact {
    config: Buffer;
    configDescriptor: Descriptor;
    chartDescriptor: Descriptor;
    provenanceDescriptor?: Descriptor;
    manifest: Buffer;
    manifestDigest: string;
    annotations: Record<string, string>;
}

function descriptorJson(d: Descriptor): string {
    return goJsonStruct([
        ["mediaType", goJsonString(d.mediaType)],
        ["digest", goJsonString(d.digest)],
        ["size", String(d.size)],
    ]);
}

/** "Name (email), Name2 (email2)" as Helm's generateChartOCIAnnotations writes it. */
function authorsOf(metadata: ChartMetadata): string {
    return (metadata.maintainers ?? []).map((m) => (m.email ? `${m.name} (${m.email})` : m.name)).join(", ");
}

/**
 * Manifest annotations in Helm's precedence: generated org.opencontainers.image.* values, then Chart.yaml
 * annotations, then the caller's — with title and version always taken from the chart. No created timestamp
 * unless the caller passes one, so the same chart always yields the same manifest digest.
 */
export function chartAnnotations(metadata: ChartMetadata, callerAnnotations: Record<string, string> = {}): Record<string, string> {
    const generated: Record<string, string> = {};
    const add = (key: string, value: string | undefined) => {
        if (value !== undefined && value.trim() !== "") generated[key] = value;
    };
    add(mt.ANNOTATION_DESCRIPTION, metadata.description);
    add(mt.ANNOTATION_TITLE, metadata.name);
    add(mt.ANNOTATION_VERSION, metadata.version);
    add(mt.ANNOTATION_URL, metadata.home);
    add(mt.ANNOTATION_SOURCE, metadata.sources?.[0]);
    add(mt.ANNOTATION_AUTHORS, authorsOf(metadata));
    const merged = { ...generated, ...(metadata.annotations ?? {}), ...callerAnnotations };
    merged[mt.ANNOTATION_TITLE] = metadata.name;
    merged[mt.ANNOTATION_VERSION] = metadata.version;
    return merged;
}

/** Config, manifest bytes and digests exactly as they will be pushed; no network. */
export function buildHelmArtifact(chart: ChartToPush, callerAnnotations?: Record<string, string>): HelmArtifact {
    const config = chartConfigJson(chart.metadata);
    const configDescriptor = descriptorOf(mt.HELM_CONFIG_MEDIA_TYPE, config);
    const chartDescriptor = descriptorOf(mt.HELM_CHART_LAYER_MEDIA_TYPE, chart.archive);
    const provenanceDescriptor = chart.provenance ? descriptorOf(mt.HELM_PROVENANCE_LAYER_MEDIA_TYPE, chart.provenance) : undefined;
    const annotations = chartAnnotations(chart.metadata, callerAnnotations);
    // Helm sorts the layers by digest, so the provenance layer may come first.
    const layers = [chartDescriptor, ...(provenanceDescriptor ? [provenanceDescriptor] : [])].sort((a, b) =>
        a.digest < b.digest ? -1 : 1,
    );
    const json = goJsonStruct([
        ["schemaVersion", "2"],
        ["config", descriptorJson(configDescriptor)],
        ["layers", "[" + layers.map(descriptorJson).join(",") + "]"],
        ["annotations", Object.keys(annotations).length > 0 ? goJsonValue(annotations) : undefined],
    ]);
    const manifest = Buffer.from(json, "utf8");
    return {
        config,
        configDescriptor,
        chartDescriptor,
        provenanceDescriptor,
        manifest,
        manifestDigest: sha256Digest(manifest),
        annotations,
    };
}
