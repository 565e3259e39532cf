import * as pulumi from "@pulumi/pulumi";
import {
    ChartPublication as GeneratedChartPublication,
    ChartPublicationArgs as GeneratedChartPublicationArgs,
} from "../../sdk/nodejs/chartPublication";
import { ValidationError } from "../../chart/model/validation";
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
 * The class generated from the plugin's schema (`sdk/nodejs`), with what the schema cannot say: the defaults and
 * the deprecated `repository` resolved as earlier releases stored them, the alias to where the state sat inside a
 * component, and `helm lint` findings shown as warnings.
 */
export class ChartPublication extends GeneratedChartPublication {
    constructor(name: string, args: ChartPublicationArgs, opts: pulumi.CustomResourceOptions = {}) {
        // The same shapes as the schema describes (test/provider/schemaMatchesTypes holds them together), with defaults applied.
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

export function artifactProps(args: ChartPublicationArgs): Record<string, pulumi.Input<unknown>> {
    return {
        chartPath: args.chartPath,
        loginServer: args.loginServer,
        // Stored under its former name so that stacks published before `namespace` existed see no change.
        repository: namespaceOf(args),
        credentials: args.credentials === undefined ? undefined : pulumi.secret(args.credentials),
        annotations: args.annotations ?? {},
        provenance: args.provenance ?? true,
        allowOverwrite: args.allowOverwrite ?? false,
        deleteFromRegistryOnDestroy: args.deleteFromRegistryOnDestroy ?? false,
        retainOnDelete: args.retainOnDelete ?? false,
        plainHttp: args.plainHttp ?? false,
        caCert: args.caCert,
        signing: args.signing === undefined ? undefined : pulumi.secret(args.signing),
    };
}

/** `namespace`, or the deprecated `repository`; both at once must agree. */
function namespaceOf(args: ChartPublicationArgs): pulumi.Input<string> {
    if (args.namespace !== undefined && args.repository !== undefined) {
        return pulumi.all([args.namespace, args.repository]).apply(([namespace, repository]) => {
            if (namespace !== repository) {
                throw new ValidationError(
                    "namespace",
                    `namespace '${namespace}' and its deprecated name repository '${repository}' disagree; set only namespace`,
                );
            }
            return namespace;
        });
    }
    return args.namespace ?? args.repository ?? "helm";
}
