import * as pulumi from "@pulumi/pulumi";
import type { ChartPromotionArgs, PromotionEndpointArgs } from "./args";
import { endpointNamespace } from "./namespace";
import { PromotedChart } from "./promotedChart";

/**
 * A chart version promoted from one registry to another by digest, e.g. from the dev environment's ACR to
 * prod's: the destination gets the manifest's exact bytes (same digest), its blobs, provenance layer and cosign
 * signatures, without re-packaging. The version stays in the destination when the resource is destroyed.
 */
export class ChartPromotion extends pulumi.ComponentResource {
    /** `oci://<destination>/<repository>/<chart>`, ready for a Helm release's `chart`. */
    public readonly ref: pulumi.Output<string>;
    public readonly version: pulumi.Output<string>;
    /** The OCI tag: the version with `+` written as `_`. */
    public readonly tag: pulumi.Output<string>;
    /** The promoted manifest digest, the same in both registries. */
    public readonly digest: pulumi.Output<string>;
    /** cosign signature, attestation and SBOM tags promoted along with the chart. */
    public readonly signatures: pulumi.Output<string[]>;

    constructor(name: string, args: ChartPromotionArgs, opts?: pulumi.ComponentResourceOptions) {
        // Read before anything is registered: arguments refused here leave nothing behind.
        const props = promotionProps(args);
        super("acr-helm:chart:ChartPromotion", name, {}, opts);
        const promoted = new PromotedChart(`${name}-copy`, props, {
            parent: this,
            additionalSecretOutputs: ["sourceCredentials", "destinationCredentials"],
        });
        this.ref = promoted.ref;
        this.tag = promoted.tag;
        this.digest = promoted.promotedDigest;
        this.version = pulumi.all([pulumi.output(args.version), promoted.promotedDigest]).apply(([version]) => version);
        this.signatures = promoted.signatures;
        this.registerOutputs({ ref: this.ref, version: this.version, tag: this.tag, digest: this.digest });
    }
}

export function promotionProps(args: ChartPromotionArgs): Record<string, pulumi.Input<unknown>> {
    return {
        chart: args.chart,
        version: args.version,
        digest: args.digest,
        source: endpoint(args.source, "source"),
        destination: endpoint(args.destination, "destination"),
        sourceCredentials: args.source.credentials === undefined ? undefined : pulumi.secret(args.source.credentials),
        destinationCredentials: args.destination.credentials === undefined ? undefined : pulumi.secret(args.destination.credentials),
        deleteFromRegistryOnDestroy: args.deleteFromRegistryOnDestroy ?? false,
    };
}

function endpoint(end: PromotionEndpointArgs, side: "source" | "destination"): Record<string, pulumi.Input<unknown>> {
    return {
        loginServer: end.loginServer,
        // Stored under its former name so that stacks promoted before `namespace` existed see no change.
        repository: endpointNamespace(end, side),
        plainHttp: end.plainHttp ?? false,
        caCert: end.caCert,
    };
}
