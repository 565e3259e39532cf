import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartPublication, publishAndRelease } from "../../components";

// Everything about the local stand-ins comes from stack config, which `npm run demo` sets.
const config = new pulumi.Config();
const loginServer = config.require("registry");
const caCert = config.require("registryCaCert");
const chartPath = config.require("chartPath");
const credentials = { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") };

const cluster = new k8s.Provider("local-cluster", { kubeconfig: config.requireSecret("kubeconfig") });

// Publish the chart under `charts/`, then install that publication from oci:// with the same credentials.
const { publication, release } = publishAndRelease(
    { publication: "hello-acr", release: "hello-acr-release" },
    {
        chart: { chartPath, loginServer, namespace: "charts", credentials, caCert },
        release: {
            provider: cluster,
            namespace: "acr-helm-demo",
            releaseName: "acr-helm-demo-1",
        },
    },
);

// The walkthrough also pushes the chart to a second namespace of the registry.
const secondNamespace = new ChartPublication("hello-acr-my-helm-charts", {
    chartPath,
    loginServer,
    namespace: "my-helm-charts",
    credentials,
    caCert,
});

export const chartRef = publication.ref;
export const chartVersion = publication.version;
export const chartDigest = publication.digest;
export const secondRef = secondNamespace.ref;
export const releaseStatus = release.status;
export const releaseRevision = release.revision;
export const releaseNamespace = release.namespace;
