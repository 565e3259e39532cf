import { ensureBlob } from "./blobUpload";
import { clientFor, RegistryConnectionOptions } from "./connection";
import { OciError } from "./errors";
import { registryErrorOf } from "./errorMessages";
import { buildHelmArtifact, ChartToPush, sha256Digest } from "./manifest";
import { headManifest } from "./manifestRequests";
import { OCI_MANIFEST_MEDIA_TYPE } from "./mediaTypes";
import { validateRepositoryName, versionToTag } from "./reference";
import { header } from "./transport";

export interface PushChartOptions extends RegistryConnectionOptions {
  /** PackagedChart from packageChart(), or any { metadata, archive }. */
  chart: ChartToPush;
  /** Full repository path including the chart name, e.g. "helm/hello-acr". */
  repository: string;
  /** Extra manifest annotations; they override Chart.yaml's except title and version. Default none. */
  annotations?: Record<string, string>;
  /** Replace different content already under this version's tag. Default false (versions are immutable). */
  allowOverwrite?: boolean;
}

export interface PushChartResult {
  /** registry/repository:tag */
  ref: string;
  tag: string;
  /** manifest digest "sha256:..." */
  digest: string;
  /** digest of the chart .tgz layer */
  chartDigest: string;
  /** size of the chart .tgz in bytes */
  size: number;
  /** blobs uploaded by this push (0 when the registry had them all) */
  pushedBlobs: number;
  /** true when the tag already pointed at exactly this manifest and nothing was sent */
  skipped: boolean;
}

/**
 * Publishes a chart as Helm does: HEAD the tag first (unchanged -> done), upload missing blobs,
 * and PUT the manifest by tag only after every blob is in place, so an interrupted push never tags
 * an incomplete artifact.
 */
export async function pushChart(options: PushChartOptions): Promise<PushChartResult> {
  const { chart, repository } = options;
  validateRepositoryName(repository, options.registry);
  requireChartNameAtEnd(repository, chart.metadata.name, options.registry);
  const tag = versionToTag(chart.metadata.version);
  const artifact = buildHelmArtifact(chart, options.annotations);
  const client = clientFor(options);
  const result = (skipped: boolean, pushedBlobs: number): PushChartResult => ({
    ref: `${client.registry}/${repository}:${tag}`, tag, digest: artifact.manifestDigest,
    chartDigest: artifact.chartDescriptor.digest, size: chart.archive.length, pushedBlobs, skipped,
  });
  const existing = await headManifest({ client, operation: "push", repository, reference: tag, actions: ["pull", "push"] });
  if (existing === artifact.manifestDigest) {
    return result(true, 0);
  }
  if (existing !== undefined && !options.allowOverwrite) {
    throw new OciError(
      `push ${client.registry}/${repository} refused: version ${chart.metadata.version} (tag ${tag}) already exists with different ` +
        `content (${existing}, new ${artifact.manifestDigest}). Chart versions are immutable: bump the chart version, ` +
        `or set allowOverwrite to replace it.`,
      { operation: "push", registry: client.registry, repository, code: "VERSION_EXISTS" },
    );
  }
  // Both blobs upload at once; the manifest waits for both, so a failed upload never leaves a tag.
  const uploaded = await Promise.all([
    ensureBlob(client, repository, artifact.configDescriptor, artifact.config),
    ensureBlob(client, repository, artifact.chartDescriptor, chart.archive),
  ]);
  const pushedBlobs = uploaded.filter(Boolean).length;
  await putManifest(client, repository, tag, artifact.manifest);
  return result(false, pushedBlobs);
}

/** Helm (strict mode) only finds a chart at <namespace>/<chart name>; refuse anything else before any request. */
function requireChartNameAtEnd(repository: string, chartName: string, registry: string): void {
  const last = repository.split("/").pop();
  if (last !== chartName) {
    const namespace = repository.includes("/") ? repository.slice(0, repository.lastIndexOf("/")) : "";
    throw new OciError(
      `push ${registry}/${repository} refused: the repository must end with the chart name "${chartName}" so Helm can ` +
        `pull it as oci://${registry}/${namespace ? namespace + "/" : ""}${chartName}; use repository "${namespace ? namespace + "/" : ""}${chartName}".`,
      { operation: "validate", registry, repository, code: "NAME_MISMATCH" },
    );
  }
}

async function putManifest(client: ReturnType<typeof clientFor>, repository: string, tag: string, manifest: Buffer): Promise<void> {
  const response = await client.send({
    operation: "push", repository, actions: ["pull", "push"], method: "PUT",
    path: `/v2/${repository}/manifests/${tag}`, body: manifest,
    headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
  });
  const expected = sha256Digest(manifest);
  const stored = header(response, "docker-content-digest");
  const registryError = response.status === 201 ? undefined : registryErrorOf(response.body);
  if (response.status !== 201 || (stored !== undefined && stored !== expected)) {
    throw new OciError(
      `push ${client.registry}/${repository} failed: PUT manifest ${tag} returned HTTP ${response.status}` +
        (registryError ? ` ${registryError.code ?? ""} ${registryError.message ?? ""}`.trimEnd() : "") +
        (stored && stored !== expected ? ` with digest ${stored} instead of ${expected}` : "") + ".",
      { operation: "push", registry: client.registry, repository, status: response.status, code: registryError?.code },
    );
  }
}
