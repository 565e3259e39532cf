/** One credential returned by `listManagedClusterUserCredentials`. */
export interface ClusterCredential {
    readonly name: string;
    /** Base64-encoded kubeconfig. */
    readonly value: string;
}

/**
 * Decodes the first kubeconfig of a credentials listing. The error names the
 * cluster but never includes credential content.
 */
export function decodeUserKubeconfig(clusterName: string, kubeconfigs: readonly ClusterCredential[] | undefined): string {
    const first = kubeconfigs?.[0];
    if (!first || !first.value) {
        throw new Error(`AKS returned no user credentials for cluster '${clusterName}'; check that the cluster finished provisioning`);
    }
    return Buffer.from(first.value, "base64").toString("utf8");
}
