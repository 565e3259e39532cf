/**
 * Program A of the engine benchmark, as plain JavaScript: one ChartPublication per chart directory in the
 * `chartsDir` config, credentials from config with the password as a secret, as in the engine tests.
 */
export const PUBLICATION_PROGRAM = `"use strict";
const fs = require("fs");
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { ChartPublication } = require("pulumi-acr-helm");

const config = new pulumi.Config();
const chartsDir = config.require("chartsDir");
const credentials = { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") };
for (const name of fs.readdirSync(chartsDir).sort()) {
    new ChartPublication(name, {
        chartPath: path.join(chartsDir, name),
        loginServer: config.require("registry"),
        repository: config.require("namespace"),
        credentials,
        plainHttp: true,
        provenance: false,
    });
}
`;
