/**
 * A consumer program that publishes a chart (signed when keys are configured) and installs a chart with
 * `ChartRelease` verifying its signatures: by default the publication itself, or `releaseChart` when set.
 */
export const SIGNED_RELEASE_PROGRAM = `import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { ChartPublication, ChartRelease } from "pulumi-acr-helm";

const config = new pulumi.Config();
const credentials = { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") };
const pgpPrivateKey = config.getSecret("pgpPrivateKey");
const cosignPrivateKey = config.getSecret("cosignPrivateKey");
const notationPrivateKey = config.getSecret("notationPrivateKey");

const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    repository: config.require("repository"),
    credentials,
    plainHttp: true,
    provenance: false,
    allowOverwrite: config.getBoolean("allowOverwrite") ?? false,
    signing:
        pgpPrivateKey || cosignPrivateKey
            ? {
                  pgpPrivateKey,
                  pgpPassphrase: config.getSecret("pgpPassphrase"),
                  cosignPrivateKey,
                  notationPrivateKey,
                  notationCertificateChain: notationPrivateKey ? config.require("notationCertificateChain") : undefined,
              }
            : undefined,
});

const otherChart = config.get("releaseChart");
const cluster = new k8s.Provider("cluster", { kubeconfig: config.requireSecret("kubeconfig") });
const release = new ChartRelease("release", {
    provider: cluster,
    chart: otherChart ?? publication.ref,
    version: publication.version,
    digest: otherChart ? undefined : publication.digest,
    registryCredentials: credentials,
    plainHttp: true,
    publication,
    namespace: config.require("namespace"),
    verify: {
        keyring: config.require("keyring"),
        cosignPublicKey: config.get("cosignPublicKey"),
        notationCertificates: config.get("notationCertificates"),
    },
});

export const digest = publication.digest;
export const releaseStatus = release.status;
`;
