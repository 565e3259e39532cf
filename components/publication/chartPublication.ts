import * as pulumi from "@pulumi/pulumi";
import {
    ChartPublication as GeneratedChartPublication,
    ChartPublicationArgs as GeneratedChartPublicationArgs,
} from "../../sdk/nodejs/chartPublication";
import type { ChartPublicationArgs } from "./args";
import { warnAboutChart } from "./chartWarnings";

/** The first versions kept the state in a dynamic resource of DYNAMIC_TYPE inside a component of FORMER_COMPONENT_TYPE. */
const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/acr-helm:ChartArtifact";
const FORMER_COMPONENT_TYPE = "acr-helm:chart:ChartPublication";

/**
 * A Helm chart packaged deterministically and published to an OCI registry. Preview packages the chart locally
 * and shows a change exactly when the manifest in the registry would change. One resource per chart: the engine
 * stores, compares and checkpoints nothing else for it.
 *
 * The class generated from the plugin's schema (`sdk/nodejs`), with what the schema cannot say: the alias to where
 * the state sat inside a component, and `helm lint` findings shown as warnings.
 */
export class ChartPublication extends GeneratedChartPublication {
    constructor(name: string, args: ChartPublicationArgs, opts: pulumi.CustomResourceOptions = {}) {
        // The same shapes as the schema describes (test/provider/schemaMatchesTypes holds them together).
        const inputs = artifactProps(args) as unknown as GeneratedChartPublicationArgs;
        super(name, inputs, withFormerNames(name, opts));
        warnAboutChart(this.chartWarnings, this);
    }
}

/**
 * The options with an alias to where the first versions kept the state: a dynamic resource named `<name>-artifact`
 * inside a component. The generated class adds the alias to the dynamic type itself and the secret outputs.
 */
function withFormerNames(name: string, opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    const formerParent = pulumi.createUrn(name, FORMER_COMPONENT_TYPE, opts.parent);
    return { ...opts, aliases: [...(opts.aliases ?? []), { name: `${name}-artifact`, parent: formerParent, type: DYNAMIC_TYPE }] };
}

/**
 * The inputs as the program gave them, the secrets marked secret. Defaults and the deprecated `repository` are the
 * contract's: the generated class applies the schema's defaults and the plugin's check resolves the rest.
 */
export function artifactProps(args: ChartPublicationArgs): Record<string, pulumi.Input<unknown>> {
    return {
        ...args,
        credentials: args.credentials === undefined ? undefined : pulumi.secret(args.credentials),
        signing: args.signing === undefined ? undefined : pulumi.secret(args.signing),
    };
}
