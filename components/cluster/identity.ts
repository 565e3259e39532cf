/** Shape of a managed cluster's `identityProfile` output (only what is read here). */
export type ClusterIdentityProfile = Record<string, { objectId?: string } | undefined> | undefined;

/**
 * Object id of the kubelet identity: the identity nodes use to pull images,
 * hence the principal that needs AcrPull.
 */
export function kubeletObjectIdOf(clusterName: string, identityProfile: ClusterIdentityProfile): string {
    const objectId = identityProfile?.["kubeletidentity"]?.objectId;
    if (!objectId) {
        throw new Error(
            `managed cluster '${clusterName}' reports no kubelet identity; the cluster must use a managed identity (identity.type SystemAssigned)`,
        );
    }
    return objectId;
}
