import * as semver from "semver";
import type { AzureCredentials } from "../distribution/auth/credentials";
import { OciError } from "../distribution/errors";
import { parseOciRef } from "../distribution/names";
import { listChartVersions } from "../helmOci/list";
import { pullChart } from "../helmOci/pull";
import { SignatureRequirements, verifyChartSignatures, VerifiedSignatures } from "./signatures";

export interface ChartLookup {
    /** `oci://<registry>/<namespace>/<name>` */
    readonly chart: string;
    /** An exact version, or a SemVer range (`^1.2.0`, `>=1 <2`, `*`): the highest version in the range is taken. */
    readonly version: string;
    readonly credentials?: { readonly username: string; readonly password: string } | AzureCredentials;
    readonly caCert?: string;
    readonly plainHttp?: boolean;
    /** Signatures the version must carry: checked by the same rules as a release's `verify`. */
    readonly verify?: SignatureRequirements;
}

export interface ResolvedChart {
    readonly version: string;
    readonly digest: string;
    readonly chartDigest: string;
    readonly appVersion?: string;
    readonly verified: VerifiedSignatures;
}

/**
 * A chart version in a registry, resolved and verified: reads only. An exact version is pulled as it is; a range
 * lists the repository's versions (highest SemVer first, as Helm sorts them) and takes the highest it allows.
 */
export async function resolveChart(lookup: ChartLookup): Promise<ResolvedChart> {
    const { registry, repository } = parseOciRef(lookup.chart);
    const connection = { registry, credentials: lookup.credentials, caCert: lookup.caCert, plainHttp: lookup.plainHttp };
    const version = semver.valid(lookup.version) === lookup.version ? lookup.version : await highestIn(lookup, connection, repository);
    const pulled = await pullChart({ ...connection, repository, version });
    const verified = await verifyChartSignatures(lookup.verify, pulled, { ...connection, repository });
    return {
        version,
        digest: pulled.digest,
        chartDigest: pulled.chartDigest,
        ...(pulled.metadata.appVersion ? { appVersion: String(pulled.metadata.appVersion) } : {}),
        verified,
    };
}

async function highestIn(lookup: ChartLookup, connection: { registry: string }, repository: string): Promise<string> {
    const range = semver.validRange(lookup.version);
    if (range === null) {
        throw new OciError(`resolve ${lookup.chart} refused: version "${lookup.version}" is neither a SemVer version nor a range.`, {
            operation: "resolve",
            registry: connection.registry,
            repository,
            code: "VERSION_INVALID",
        });
    }
    const versions = await listChartVersions({ ...connection, repository });
    const found = semver.maxSatisfying(versions, range);
    if (found === null) {
        throw new OciError(
            `resolve ${lookup.chart} failed: no version in the range "${lookup.version}" (${versions.length} published${versions.length > 0 ? `, highest ${versions[0]}` : ""}).`,
            { operation: "resolve", registry: connection.registry, repository, code: "VERSION_NOT_FOUND" },
        );
    }
    return found;
}
