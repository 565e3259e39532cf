import type * as k8s from "@pulumi/kubernetes";

/**
 * `@pulumi/kubernetes`, loaded when a release is first declared rather than with the package: a program that only
 * publishes charts does not pay for it.
 */
export function kubernetesSdk(): typeof k8s {
    return require("@pulumi/kubernetes") as typeof k8s;
}
