import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "../publication";
import type { ChartPublicationArgs, ChartSigningArgs } from "../publication/args";
import { publicHalvesOf, SigningPublicKeys } from "../../chart/signing/publicHalves";
import type { ChartRegistryCredentials, ChartReleaseArgs } from "./args";
import { ChartRelease } from "./release";

export interface PublishAndReleaseArgs {
    /** The chart and where it is published; `credentials` push it and the release pulls it with them. */
    readonly chart: Omit<ChartPublicationArgs, "credentials"> & { readonly credentials: ChartRegistryCredentials };
    /** The release, without what comes from the publication (chart ref, version, credentials). */
    readonly release: Omit<
        ChartReleaseArgs,
        "chart" | "version" | "digest" | "registryCredentials" | "publication" | "caCert" | "plainHttp"
    >;
}

export interface PublishedRelease {
    readonly publication: ChartPublication;
    readonly release: ChartRelease;
}

/** The public halves of the publication's signing keys: public data, so not kept as a secret. */
function publicHalves(signing: pulumi.Input<ChartSigningArgs>): pulumi.Output<SigningPublicKeys> {
    return pulumi.unsecret(pulumi.output(signing).apply((keys) => publicHalvesOf(keys)));
}

/**
 * Publishes a chart, then installs that exact publication with the same registry credentials: the release takes
 * the publication's ref and version outputs, so it waits for the push and never fetches before it. A signed
 * publication is verified with the public halves of its keys unless `release.verify` says otherwise.
 */
export function publishAndRelease(
    names: { readonly publication: string; readonly release: string },
    args: PublishAndReleaseArgs,
    opts?: pulumi.ComponentResourceOptions,
): PublishedRelease {
    const publication = new ChartPublication(names.publication, args.chart, opts);
    const release = new ChartRelease(
        names.release,
        {
            ...args.release,
            chart: publication.ref,
            version: publication.version,
            digest: publication.digest,
            publication,
            registryCredentials: args.chart.credentials,
            caCert: args.chart.caCert,
            plainHttp: args.chart.plainHttp,
            verify: args.release.verify ?? (args.chart.signing ? publicHalves(args.chart.signing) : undefined),
        },
        opts,
    );
    return { publication, release };
}
