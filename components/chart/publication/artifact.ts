import * as pulumi from "@pulumi/pulumi";
import { chartArtifactProvider } from "../provider";

/** The dynamic resource that owns one chart version in one registry repository. */
export class ChartArtifact extends pulumi.dynamic.Resource {
    declare public readonly ref: pulumi.Output<string>;
    declare public readonly name: pulumi.Output<string>;
    declare public readonly version: pulumi.Output<string>;
    declare public readonly tag: pulumi.Output<string>;
    declare public readonly digest: pulumi.Output<string>;
    declare public readonly chartDigest: pulumi.Output<string>;
    declare public readonly size: pulumi.Output<number>;

    constructor(name: string, props: Record<string, pulumi.Input<unknown>>, opts?: pulumi.CustomResourceOptions) {
        const outputs = {
            ref: undefined,
            name: undefined,
            version: undefined,
            tag: undefined,
            digest: undefined,
            chartDigest: undefined,
            size: undefined,
        };
        super(chartArtifactProvider, name, { ...outputs, ...props }, opts, "acr-helm", "ChartArtifact");
    }
}
