import * as pulumi from "@pulumi/pulumi";

export interface ReleaseGuardProps {
    readonly kubeconfig: pulumi.Input<string>;
    readonly namespace: pulumi.Input<string>;
    readonly releaseName: pulumi.Input<string>;
    readonly recoverPendingRelease: boolean;
    /** Seconds a revision must have been pending before it counts as interrupted: the release's timeout. */
    readonly pendingTimeout: number;
}

/**
 * Checks a Helm release's records in the cluster before the release is installed or upgraded: a revision left
 * pending by an interrupted operation is named in preview, and recovered in the update when the release allows it.
 */
export class ReleaseGuard extends pulumi.CustomResource {
    /** During a preview that found the release stuck: its pending revision, since when, and how it is recovered. */
    declare public readonly stuckRelease: pulumi.Output<string | undefined>;
    /** When and how the release was last recovered by this package, if ever. */
    declare public readonly lastRecovery: pulumi.Output<string | undefined>;

    constructor(name: string, props: ReleaseGuardProps, opts?: pulumi.CustomResourceOptions) {
        super(
            "acr-helm:index:ReleaseGuard",
            name,
            { stuckRelease: undefined, lastRecovery: undefined, ...props, kubeconfig: pulumi.secret(props.kubeconfig) },
            { ...opts, additionalSecretOutputs: ["kubeconfig"] },
        );
    }
}
