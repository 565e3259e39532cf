import * as pulumi from "@pulumi/pulumi";
import {
    ChartDownload as GeneratedChartDownload,
    ChartDownloadArgs as GeneratedChartDownloadArgs,
} from "../../../sdk/nodejs/chartDownload";
import type { AzureCredentialsInput } from "../../publication/args";
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

/**
 * A chart version pulled from its registry and verified by digest, kept where a Helm release reads it: the class
 * generated from the plugin's schema, with the credentials kept secret in its outputs too.
 */
export class ChartDownload extends GeneratedChartDownload {
    constructor(name: string, props: ChartDownloadProps, opts?: pulumi.CustomResourceOptions) {
        super(name, props as unknown as GeneratedChartDownloadArgs, {
            ...opts,
            additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), "credentials"],
        });
    }
}
