import { clientFor, RegistryConnectionOptions } from "../distribution/connection";
import { headManifest } from "../distribution/manifestRequests";
import { validateRepositoryName } from "../distribution/names";
import { versionToTag } from "./reference";

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
  return client.operation(options, () => headManifest({ client, operation: "resolve", repository: options.repository, reference, actions: ["pull"] }));
}
