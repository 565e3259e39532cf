/** A prod stack's program: promotes the version (and digest) the dev stack published from the dev registry to prod's. */
export const PROMOTION_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ChartPromotion } from "pulumi-acr-helm";

const config = new pulumi.Config();
const promotion = new ChartPromotion("promote", {
    source: {
        loginServer: config.require("devRegistry"),
        namespace: "dev",
        credentials: { username: config.require("devUsername"), password: config.requireSecret("devPassword") },
        plainHttp: true,
    },
    destination: {
        loginServer: config.require("prodRegistry"),
        // the deprecated name of namespace, still taken
        repository: "prod",
        credentials: { username: config.require("prodUsername"), password: config.requireSecret("prodPassword") },
        plainHttp: true,
    },
    chart: "hello-acr",
    version: config.require("version"),
    digest: config.require("digest"),
});

export const ref = promotion.ref;
export const version = promotion.version;
export const digest = promotion.digest;
export const signatures = promotion.signatures;
`;
