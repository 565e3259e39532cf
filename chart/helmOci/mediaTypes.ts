/** Media types Helm uses for charts stored in OCI registries (helm pkg/registry/constants.go). */
export const HELM_CONFIG_MEDIA_TYPE = "application/vnd.cncf.helm.config.v1+json";
export const HELM_CHART_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.content.v1.tar+gzip";
export const HELM_PROVENANCE_LAYER_MEDIA_TYPE = "application/vnd.cncf.helm.chart.provenance.v1.prov";
/** Older Helm versions pushed charts with this layer type; accepted on pull only. */
export const LEGACY_CHART_LAYER_MEDIA_TYPE = "application/tar+gzip";

/** Pre-defined OCI annotation keys Helm writes into a chart manifest. */
export const ANNOTATION_PREFIX = "org.opencontainers.image.";
export const ANNOTATION_TITLE = "org.opencontainers.image.title";
export const ANNOTATION_VERSION = "org.opencontainers.image.version";
export const ANNOTATION_DESCRIPTION = "org.opencontainers.image.description";
export const ANNOTATION_URL = "org.opencontainers.image.url";
export const ANNOTATION_SOURCE = "org.opencontainers.image.source";
export const ANNOTATION_AUTHORS = "org.opencontainers.image.authors";
export const ANNOTATION_CREATED = "org.opencontainers.image.created";
