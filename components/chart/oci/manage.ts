import { clientFor, RegistryConnectionOptions } from "./connection";
import { OciError } from "./errors";
import { headManifest } from "./manifestRequests";
import { validateRepositoryName, versionToTag } from "./reference";

export interface ChartVersionOptions extends RegistryConnectionOptions {
  /** Full repository path including the chart name. */
  repository: string;
  /** Chart version; "+" is looked up as "_". */
  version: string;
}

/** Manifest digest the version's tag points at, or undefined when it does not exist (one HEAD request). */
export async function resolveTag(options: ChartVersionOptions): Promise<string | undefined> {
  validateRepositoryName(options.repository, options.registry);
  const reference = versionToTag(options.version);
  const client = clientFor(options);
  return headManifest({ client, operation: "resolve", repository: options.repository, reference, actions: ["pull"] });
}

export interface DeleteManifestOptions extends RegistryConnectionOptions {
  repository: string;
  /** "sha256:..." — registries delete by digest; this also removes every tag pointing at it. */
  digest: string;
}

/** Deletes a manifest by digest. Returns false when it was already gone. */
export async function deleteManifest(options: DeleteManifestOptions): Promise<boolean> {
  const { repository, digest } = options;
  validateRepositoryName(repository, options.registry);
  const client = clientFor(options);
  if (!/^sha256:[a-f0-9]{64}$/.test(digest)) {
    throw new OciError(`delete ${client.registry}/${repository} failed: "${digest}" is not a sha256 manifest digest; resolve the tag first.`, {
      operation: "validate", registry: client.registry, repository, code: "DIGEST_INVALID",
    });
  }
  const response = await client.send({ operation: "delete", repository, actions: ["delete"], method: "DELETE", path: `/v2/${repository}/manifests/${digest}` });
  if (response.status === 202 || response.status === 200) return true;
  if (response.status === 404) return false;
  const hint = response.status === 405 ? " Deletion is disabled on this registry." : "";
  throw new OciError(`delete ${client.registry}/${repository}@${digest} failed: HTTP ${response.status}.${hint}`, {
    operation: "delete", registry: client.registry, repository, status: response.status,
  });
}
