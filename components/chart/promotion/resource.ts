import * as pulumi from "@pulumi/pulumi";
/** The custom resource that owns one promoted chart version in the destination registry. */
export class PromotedChart extends pulumi.CustomResource {
    declare public readonly ref: pulumi.Output<string>;
    declare public readonly tag: pulumi.Output<string>;
    declare public readonly promotedDigest: pulumi.Output<string>;
    declare public readonly signatures: pulumi.Output<string[]>;

    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
        super(
            "acr-helm:index:PromotedChart",
            name,
            { ref: undefined, tag: undefined, promotedDigest: undefined, signatures: undefined, ...props },
            { ...opts, aliases: [...(opts?.aliases ?? []), { type: "pulumi-nodejs:dynamic/acr-helm:PromotedChart" }] },
        );
    }
}
