import * as pulumi from "@pulumi/pulumi";
import { AcrRole } from "../shared/roles";

/** Inputs of an {@link AcrPushPrincipal}. */
export interface AcrPushPrincipalArgs {
    /** Resource id of the registry; the role is assigned on this scope only. Required. */
    readonly registryId: pulumi.Input<string>;
    /** Display name of the Entra ID application and service principal. Default: the component name. */
    readonly displayName?: string;
    /** Registry role granted: `"AcrPush"` (push and pull) or `"AcrPull"` for read-only consumers. Default: `"AcrPush"`. */
    readonly role?: AcrRole;
    /** Object ids of users or principals that own the application. Default: none. */
    readonly owners?: readonly pulumi.Input<string>[];
    /** Fixed expiry of the password as an RFC 3339 time, e.g. `2027-01-31T00:00:00Z`. Default: the provider default (two years after creation). */
    readonly passwordEndDate?: string;
    /**
     * Rotation period in days (1-365). The password is replaced on the first `pulumi up`
     * of each period and stays valid until the end of the following period, so the
     * old one keeps working while consumers pick up the new one. Default: no scheduled rotation.
     */
    readonly passwordRotationDays?: number;
    /** Extra keys whose change replaces the password (e.g. a rotation counter). Default: none. */
    readonly rotateWhenChanged?: Readonly<Record<string, pulumi.Input<string>>>;
}
