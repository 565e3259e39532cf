import type { ChartMetadata } from "../chartfile";
import { RegistryClient } from "./client";
import { clientFor, RegistryConnectionOptions } from "./connection";
import { OciError } from "./errors";
import { parseJsonBody } from "./jsonBody";
import { Descriptor, sha256Digest } from "./manifest";
import { getManifest } from "./manifestRequests";
import * as mt from "./mediaTypes";
import { validateRepositoryName, versionToTag } from "./reference";

export interface PullChartOptions extends RegistryConnectionOptions {
  /** Full repository path including the chart name. */
  repository: string;
  /** Chart version (SemVer; "+" is looked up as "_" like Helm does). */
  version: string;
}

export interface PulledChart {
  /** the chart .tgz, digest- and size-verified */
  archive: Buffer;
  /** the config blob: the chart's Chart.yaml metadata as Helm stored it */
  metadata: ChartMetadata;
  /** manifest digest */
  digest: string;
  /** digest of the chart layer */
  chartDigest: string;
}

interface ParsedManifest {
  schemaVersion?: number;
  mediaType?: string;
  config?: Descriptor;
  layers?: Descriptor[];
}

function pullError(client: RegistryClient, repository: string, message: string, code: string, status?: number): OciError {
  return new OciError(`pull ${client.registry}/${repository} failed: ${message}`, { operation: "pull", registry: client.registry, repository, code, status });
}

/** GET a blob and verify its size and digest against the descriptor. */
async function fetchBlob(client: RegistryClient, repository: string, blob: Descriptor): Promise<Buffer> {
  const response = await client.send({ operation: "pull", repository, actions: ["pull"], method: "GET", path: `/v2/${repository}/blobs/${blob.digest}` });
  if (response.status !== 200) {
    throw pullError(client, repository, `GET blob ${blob.digest} returned HTTP ${response.status}.`, "BLOB_UNKNOWN", response.status);
  }
  if (response.body.length !== blob.size || sha256Digest(response.body) !== blob.digest) {
    throw pullError(client, repository, `blob ${blob.digest} does not match its descriptor (size or digest differs).`, "DIGEST_INVALID");
  }
  return response.body;
}

function chartLayerOf(client: RegistryClient, repository: string, manifest: ParsedManifest): Descriptor {
  if (manifest.config?.mediaType !== mt.HELM_CONFIG_MEDIA_TYPE) {
    throw pullError(client, repository, `the artifact is not a Helm chart (config media type ${manifest.config?.mediaType ?? "missing"}).`, "NOT_A_CHART");
  }
  const layer =
    manifest.layers?.find((l) => l.mediaType === mt.HELM_CHART_LAYER_MEDIA_TYPE) ??
    manifest.layers?.find((l) => l.mediaType === mt.LEGACY_CHART_LAYER_MEDIA_TYPE);
  if (!layer) {
    throw pullError(client, repository, "the manifest has no Helm chart layer.", "NOT_A_CHART");
  }
  return layer;
}

/** Downloads a chart version: manifest (OCI Accept), config and chart layer, each verified. */
export async function pullChart(options: PullChartOptions): Promise<PulledChart> {
  const { repository, version } = options;
  validateRepositoryName(repository, options.registry);
  const tag = versionToTag(version);
  const client = clientFor(options);
  const found = await getManifest({ client, operation: "pull", repository, reference: tag, actions: ["pull"] });
  if (!found) {
    throw pullError(client, repository, `version ${version} (tag ${tag}) not found. List the published versions with listChartVersions.`, "MANIFEST_UNKNOWN", 404);
  }
  const ctx = { operation: "pull" as const, registry: client.registry, repository };
  const manifest = parseJsonBody<ParsedManifest>(found.bytes, `manifest ${tag}`, ctx);
  if (manifest.schemaVersion !== 2 || (manifest.mediaType !== undefined && manifest.mediaType !== mt.OCI_MANIFEST_MEDIA_TYPE)) {
    throw pullError(client, repository, `tag ${tag} is not an OCI image manifest (mediaType ${manifest.mediaType}).`, "NOT_A_CHART");
  }
  const layer = chartLayerOf(client, repository, manifest);
  const config = await fetchBlob(client, repository, manifest.config as Descriptor);
  const archive = await fetchBlob(client, repository, layer);
  const metadata = parseJsonBody<ChartMetadata>(config, "the chart config blob", ctx);
  return { archive, metadata, digest: found.digest, chartDigest: layer.digest };
}
