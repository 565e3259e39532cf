import * as fs from "fs";
import * as path from "path";
import { pullChart } from "../helmOci/pull";
import type { AzureCredentials } from "../distribution/auth/credentials";
import { parseOciRef } from "../distribution/names";
import { SignatureRequirements, verifyChartSignatures, VerifiedSignatures } from "./signatures";

/** Where fetched charts are kept, relative to the program's directory: the same string on every machine. */
export const CHART_CACHE_DIR = path.join(".pulumi-acr-helm", "charts");

export interface ChartFetchRequest {
    /** `oci://<registry>/<repository>` */
    readonly chart: string;
    readonly version: string;
    /** Manifest digest the chart must have, e.g. the publication's `digest`. */
    readonly expectedDigest?: string;
    readonly credentials?: { readonly username: string; readonly password: string } | AzureCredentials;
    readonly caCert?: string;
    readonly plainHttp?: boolean;
    /** Signatures the chart must carry; checked before the archive is written where Helm reads it. */
    readonly verify?: SignatureRequirements;
}

export interface FetchedChart {
    /** Relative path of the verified .tgz, for the Helm release's `chart`. */
    readonly path: string;
    /** Manifest digest found in the registry. */
    readonly digest: string;
    /** Digest of the .tgz (the chart layer, verified by the pull). */
    readonly chartDigest: string;
    /** Fingerprints of the keys whose signatures were verified (none when no signature was required). */
    readonly verified: VerifiedSignatures;
}

export class ChartDriftError extends Error {
    constructor(
        readonly chart: string,
        readonly version: string,
        readonly found: string,
        readonly expected: string,
    ) {
        super(
            `${chart} version ${version} now holds ${found}, not ${expected} that was published: the tag was moved ` +
                "after publishing. Publish the chart again (or bump its version) to deploy what you build, " +
                "or refresh the publication to adopt what the registry holds",
        );
        this.name = "ChartDriftError";
    }
}

/** Pulls a chart version, checks it is exactly the expected artifact, and keeps it under CHART_CACHE_DIR. */
export async function fetchVerifiedChart(request: ChartFetchRequest, baseDir = process.cwd()): Promise<FetchedChart> {
    const { registry, repository } = parseOciRef(request.chart);
    const connection = { registry, credentials: request.credentials, caCert: request.caCert, plainHttp: request.plainHttp };
    const pulled = await pullChart({ ...connection, repository, version: request.version });
    if (request.expectedDigest !== undefined && pulled.digest !== request.expectedDigest) {
        throw new ChartDriftError(request.chart, request.version, pulled.digest, request.expectedDigest);
    }
    const verified = await verifyChartSignatures(request.verify, pulled, { ...connection, repository });
    const name = path.basename(repository);
    const relative = path.join(CHART_CACHE_DIR, pulled.digest.replace(":", "-"), `${name}-${request.version}.tgz`);
    writeOnce(path.join(baseDir, relative), pulled.archive, baseDir);
    return { path: relative, digest: pulled.digest, chartDigest: pulled.chartDigest, verified };
}

/** Writes the archive unless identical bytes are there already; the cache folder ignores itself in git. */
function writeOnce(file: string, archive: Buffer, baseDir: string): void {
    if (fs.existsSync(file) && fs.readFileSync(file).equals(archive)) return;
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const ignore = path.join(baseDir, ".pulumi-acr-helm", ".gitignore");
    if (!fs.existsSync(ignore)) fs.writeFileSync(ignore, "# Charts fetched for Helm releases; never commit them.\n*\n");
    const partial = `${file}.partial`;
    fs.writeFileSync(partial, archive);
    fs.renameSync(partial, file);
}
