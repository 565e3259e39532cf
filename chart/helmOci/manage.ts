import { openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { TimeoutOptions } from "../distribution/http/deadline";
import { Repository } from "../distribution/repository";
import { versionToTag } from "./reference";

export interface ChartVersionOptions extends RegistryConnectionOptions {
    /** Full repository path including the chart name. */
    repository: string;
    /** Chart version; "+" is looked up as "_". */
    version: string;
}

/** Manifest digest the version's tag points at, or undefined when it does not exist (one HEAD request). */
export async function resolveTag(options: ChartVersionOptions): Promise<string | undefined> {
    return versionDigest(openRepository(options, options.repository), options.version, options);
}

/** Manifest digest a chart version's tag names in `repository`, or undefined when it does not exist (one HEAD request). */
export function versionDigest(repository: Repository, version: string, timeouts?: TimeoutOptions): Promise<string | undefined> {
    const reference = versionToTag(version);
    return repository.operation(timeouts, () => repository.headManifest(reference, "resolve", ["pull"]));
}
