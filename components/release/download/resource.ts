import * as pulumi from "@pulumi/pulumi";
import type { AzureCredentialsInput } from "../../chart/publication/args";
import type { ChartVerifyArgs } from "../args";

export interface ChartDownloadProps {
    readonly chart: pulumi.Input<string>;
    readonly version: pulumi.Input<string>;
    readonly expectedDigest?: pulumi.Input<string>;
    readonly credentials: pulumi.Input<{ username: pulumi.Input<string>; password: pulumi.Input<string> } | AzureCredentialsInput>;
    readonly caCert?: pulumi.Input<string>;
    readonly plainHttp?: pulumi.Input<boolean>;
    readonly verify?: pulumi.Input<ChartVerifyArgs>;
}

/** A chart version pulled from its registry and verified by digest, kept where a Helm release reads it. */
export class ChartDownload extends pulumi.CustomResource {
    /** Path of the verified .tgz relative to the program's directory. */
    declare public readonly path: pulumi.Output<string>;
    /** Manifest digest of what was pulled. */
    declare public readonly digest: pulumi.Output<string>;

    constructor(name: string, props: ChartDownloadProps, opts?: pulumi.CustomResourceOptions) {
        super(
            "acr-helm:index:ChartDownload",
            name,
            { path: undefined, digest: undefined, ...props, credentials: pulumi.secret(props.credentials) },
            {
                ...opts,
                additionalSecretOutputs: ["credentials"],
                aliases: [...(opts?.aliases ?? []), { type: "pulumi-nodejs:dynamic/acr-helm:ChartDownload" }],
            },
        );
    }
}
