import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../shared/errors";
import type { ChartPublicationArgs } from "./args";
import { ChartArtifact } from "./artifact";
import { warnAboutChart } from "./chartWarnings";

/**
 * A Helm chart packaged deterministically and published to an OCI registry. Preview packages the chart locally
 * and shows a change exactly when the manifest in the registry would change.
 */
export class ChartPublication extends pulumi.ComponentResource {
    /** `oci://<server>/<repository>/<name>`, ready for a Helm release's `chart`. */
    public readonly ref: pulumi.Output<string>;
    public readonly name: pulumi.Output<string>;
    /**
     * The chart version, known only once the chart is in the registry: a Helm release that takes its version from
     * here does not try to fetch a chart that the first preview of a new stack has not pushed yet.
     */
    public readonly version: pulumi.Output<string>;
    /** The OCI tag: the version with `+` written as `_`. */
    public readonly tag: pulumi.Output<string>;
    /** Manifest digest in the registry. */
    public readonly digest: pulumi.Output<string>;
    /** Digest of the packaged .tgz. */
    public readonly chartDigest: pulumi.Output<string>;
    /** Bytes of chart, config and manifest. */
    public readonly size: pulumi.Output<number>;

    constructor(name: string, args: ChartPublicationArgs, opts?: pulumi.ComponentResourceOptions) {
        super("acr-helm:chart:ChartPublication", name, {}, opts);
        const artifact = new ChartArtifact(`${name}-artifact`, artifactProps(args), {
            parent: this,
            additionalSecretOutputs: ["credentials", "signing"],
        });
        warnAboutChart(args.chartPath, this);
        this.ref = artifact.ref;
        this.name = artifact.name;
        this.version = pulumi.all([artifact.version, artifact.digest]).apply(([version]) => version);
        this.tag = artifact.tag;
        this.digest = artifact.digest;
        this.chartDigest = artifact.chartDigest;
        this.size = artifact.size;
        this.registerOutputs({ ref: this.ref, name: this.name, version: this.version, tag: this.tag, digest: this.digest });
    }
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
