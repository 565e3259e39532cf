/** Every path of the OCI distribution API this client requests, built here and nowhere else. */

/** `/v2/_catalog?n=<pageSize>` */
export function catalogPath(pageSize: number): string {
    return `/v2/_catalog?n=${pageSize}`;
}

/** `/v2/<repository>/tags/list?n=<pageSize>` */
export function tagsPath(repository: string, pageSize: number): string {
    return `/v2/${repository}/tags/list?n=${pageSize}`;
}

/** `/v2/<repository>/manifests/<tag or digest>` */
export function manifestPath(repository: string, reference: string): string {
    return `/v2/${repository}/manifests/${reference}`;
}

/** `/v2/<repository>/blobs/<digest>` */
export function blobPath(repository: string, digest: string): string {
    return `/v2/${repository}/blobs/${digest}`;
}

/** `/v2/<repository>/blobs/uploads/`, with a query (a cross-repository mount) when given. */
export function uploadPath(repository: string, query?: string): string {
    return `/v2/${repository}/blobs/uploads/${query ? `?${query}` : ""}`;
}

/** `/v2/<repository>/referrers/<digest>`, filtered by artifact type when one is given. */
export function referrersPath(repository: string, subjectDigest: string, artifactType?: string): string {
    const filter = artifactType ? `?artifactType=${encodeURIComponent(artifactType)}` : "";
    return `/v2/${repository}/referrers/${subjectDigest}${filter}`;
}
