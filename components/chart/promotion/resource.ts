import * as pulumi from "@pulumi/pulumi";
import { chartPromotionProvider } from "../provider";

/** The dynamic resource that owns one promoted chart version in the destination registry. */
export class PromotedChart extends pulumi.dynamic.Resource {
    declare public readonly ref: pulumi.Output<string>;
    declare public readonly tag: pulumi.Output<string>;
    declare public readonly promotedDigest: pulumi.Output<string>;
    declare public readonly signatures: pulumi.Output<string[]>;

    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
        super(
            chartPromotionProvider,
            name,
            { ref: undefined, tag: undefined, promotedDigest: undefined, signatures: undefined, ...props },
            opts,
            "acr-helm",
            "PromotedChart",
        );
    }
}
