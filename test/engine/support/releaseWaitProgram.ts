import { NEVER_READY_ANNOTATION } from "../../../scripts/local/kwokStages";

/**
 * A consumer program that publishes a chart and installs it with `ChartRelease`'s defaults (waits for readiness,
 * atomic); config `neverReady` gives the pods the annotation that keeps a simulated pod from ever becoming Ready,
 * `timeout` shortens Helm's wait.
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

const cluster = new k8s.Provider("cluster", { kubeconfig: config.requireSecret("kubeconfig") });
const neverReady = config.getBoolean("neverReady") ?? false;
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
    values: neverReady ? { podAnnotations: { "${NEVER_READY_ANNOTATION}": "true" } } : {},
});

export const releaseStatus = release.status;
export const releaseRevision = release.revision;
`;
