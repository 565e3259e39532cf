import { NEVER_READY_ANNOTATION } from "../../../scripts/local/kwokStages";

/**
 * A consumer program that publishes a chart and installs it with `ChartRelease`'s defaults (waits for readiness,
 * atomic); config `neverReady` gives the pods the annotation that keeps a simulated pod from ever becoming Ready,
 * `timeout` shortens Helm's wait, `replicaCount` sets the chart's value, `recoverPendingRelease` is passed on. The
 * release is given the cluster's kubeconfig, so it checks for a stuck release and previews its object changes.
 */
export const RELEASE_WAIT_PROGRAM = `import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartPublication, ChartRelease } from "pulumi-acr-helm";

const config = new pulumi.Config();
const credentials = { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") };
const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    repository: config.require("repository"),
    credentials,
    plainHttp: true,
    provenance: false,
});

const kubeconfig = config.requireSecret("kubeconfig");
const cluster = new k8s.Provider("cluster", { kubeconfig });
const neverReady = config.getBoolean("neverReady") ?? false;
const replicaCount = config.getNumber("replicaCount");
const release = new ChartRelease("release", {
    provider: cluster,
    chart: publication.ref,
    version: publication.version,
    digest: publication.digest,
    registryCredentials: credentials,
    plainHttp: true,
    publication,
    namespace: config.require("namespace"),
    releaseName: "web",
    timeout: config.getNumber("timeout"),
    kubeconfig,
    recoverPendingRelease: config.getBoolean("recoverPendingRelease"),
    values: {
        ...(neverReady ? { podAnnotations: { "${NEVER_READY_ANNOTATION}": "true" } } : {}),
        ...(replicaCount === undefined ? {} : { replicaCount }),
    },
});

export const releaseStatus = release.status;
export const releaseRevision = release.revision;
`;
