/** Manifest media types of the OCI image and Docker distribution specs. */
export const OCI_MANIFEST_MEDIA_TYPE = "application/vnd.oci.image.manifest.v1+json";
export const OCI_INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";
export const DOCKER_MANIFEST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.v2+json";
export const DOCKER_MANIFEST_LIST_MEDIA_TYPE = "application/vnd.docker.distribution.manifest.list.v2+json";

/** Accept header for manifest GET/HEAD. Without the OCI type, distribution answers 404 for OCI manifests. */
export const MANIFEST_ACCEPT = [
    OCI_MANIFEST_MEDIA_TYPE,
    OCI_INDEX_MEDIA_TYPE,
    DOCKER_MANIFEST_MEDIA_TYPE,
    DOCKER_MANIFEST_LIST_MEDIA_TYPE,
].join(", ");
