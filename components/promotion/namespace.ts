import * as pulumi from "@pulumi/pulumi";
import { ValidationError } from "../../chart/model/validation";
import type { PromotionEndpointArgs } from "./args";

/**
 * An endpoint's `namespace`, or its deprecated `repository`; both at once must agree. Known values are checked
 * when the component is built, values that are Outputs when they resolve.
 */
export function endpointNamespace(end: PromotionEndpointArgs, side: "source" | "destination"): pulumi.Input<string> {
    const { namespace, repository } = end;
    if (namespace === undefined || repository === undefined) return namespace ?? repository ?? "helm";
    if (typeof namespace === "string" && typeof repository === "string") return agreedNamespace(side, namespace, repository);
    return pulumi.all([namespace, repository]).apply(([ns, repo]) => agreedNamespace(side, ns, repo));
}

/** The namespace given under both names, refused when the two differ. */
export function agreedNamespace(side: "source" | "destination", namespace: string, repository: string): string {
    if (namespace !== repository) {
        throw new ValidationError(
            `${side}.namespace`,
            `${side}.namespace '${namespace}' and its deprecated name ${side}.repository '${repository}' disagree; set only ${side}.namespace`,
        );
    }
    return namespace;
}
