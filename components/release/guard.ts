import * as pulumi from "@pulumi/pulumi";
import { ReleaseGuard as GeneratedReleaseGuard, ReleaseGuardArgs } from "../../sdk/nodejs/releaseGuard";

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
 * The class generated from the plugin's schema.
 */
export class ReleaseGuard extends GeneratedReleaseGuard {
    constructor(name: string, props: ReleaseGuardProps, opts?: pulumi.CustomResourceOptions) {
        const args: ReleaseGuardArgs = props;
        super(name, args, opts);
    }
}
