import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../shared/errors";
import type { ChartPublicationArgs } from "./args";
import { warnAboutChart } from "./chartWarnings";

/** The resource's type token in the acr-helm provider plugin. */
export const CHART_PUBLICATION_TYPE = "acr-helm:index:ChartPublication";
/** Its type while it was a dynamic resource: an alias carries that state over. */
const DYNAMIC_TYPE = "pulumi-nodejs:dynamic/acr-helm:ChartArtifact";
/** Earlier still, the dynamic resource, named `<name>-artifact`, sat in a component of this type. */
const FORMER_COMPONENT_TYPE = "acr-helm:chart:ChartPublication";

/**
 * A Helm chart packaged deterministically and published to an OCI registry. Preview packages the chart locally
 * and shows a change exactly when the manifest in the registry would change. One resource per chart: the engine
 * stores, compares and checkpoints nothing else for it.
 */
export class ChartPublication extends pulumi.CustomResource {
    /** `oci://<server>/<repository>/<name>`, ready for a Helm release's `chart`. */
    declare public readonly ref: pulumi.Output<string>;
    declare public readonly name: pulumi.Output<string>;
    /**
     * The chart version, known only once the chart is in the registry: a Helm release that takes its version from
     * here does not try to fetch a chart that the first preview of a new stack has not pushed yet.
     */
    declare public readonly version: pulumi.Output<string>;
    /** The OCI tag: the version with `+` written as `_`. */
    declare public readonly tag: pulumi.Output<string>;
    /** Manifest digest in the registry. */
    declare public readonly digest: pulumi.Output<string>;
    /** Digest of the packaged .tgz. */
    declare public readonly chartDigest: pulumi.Output<string>;
    /** Bytes of chart, config and manifest. */
    declare public readonly size: pulumi.Output<number>;
    /** What `helm lint` would complain about in the chart, which is published anyway; each is also shown as a warning. */
    declare public readonly chartWarnings: pulumi.Output<string[]>;

    constructor(name: string, args: ChartPublicationArgs, opts: pulumi.CustomResourceOptions = {}) {
        const outputs = {
            ref: undefined,
            name: undefined,
            version: undefined,
            tag: undefined,
            digest: undefined,
            chartDigest: undefined,
            size: undefined,
            chartWarnings: undefined,
        };
        super(CHART_PUBLICATION_TYPE, name, { ...outputs, ...artifactProps(args) }, withFormerNames(name, opts));
        warnAboutChart(this.chartWarnings, this);
    }
}

/** The options with the secret outputs of a publication and aliases to where earlier versions kept its state. */
function withFormerNames(name: string, opts: pulumi.CustomResourceOptions): pulumi.CustomResourceOptions {
    const formerParent = pulumi.createUrn(name, FORMER_COMPONENT_TYPE, opts.parent);
    return {
        ...opts,
        additionalSecretOutputs: [...(opts.additionalSecretOutputs ?? []), "credentials", "signing"],
        aliases: [...(opts.aliases ?? []), { type: DYNAMIC_TYPE }, { name: `${name}-artifact`, parent: formerParent, type: DYNAMIC_TYPE }],
    };
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
