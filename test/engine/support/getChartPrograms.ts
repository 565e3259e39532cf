/** A TypeScript program that looks a chart up with getChartOutput and exports what it found. */
export const GET_CHART_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { getChartOutput } from "pulumi-acr-helm";

const config = new pulumi.Config();
const found = getChartOutput({
    chart: config.require("chart"),
    version: config.require("version"),
    credentials: { kind: "basic", username: config.require("registryUsername"), password: config.requireSecret("registryPassword") },
    plainHttp: true,
    verify: { cosignPublicKey: config.require("cosignPublicKey") },
});

export const version = found.version;
export const digest = found.digest;
export const cosignKey = found.verified.cosignKey;
`;

/** The same lookup in Pulumi YAML, through fn::invoke, with the plugin of the installed package. */
export const GET_CHART_YAML = `name: acr-helm-get-chart
runtime: yaml
plugins:
  providers:
    - name: acr-helm
      path: ./node_modules/pulumi-acr-helm/provider
config:
  chart:
    type: string
  version:
    type: string
  registryUsername:
    type: string
  registryPassword:
    type: string
    secret: true
  cosignPublicKey:
    type: string
variables:
  found:
    fn::invoke:
      function: acr-helm:index:getChart
      arguments:
        chart: \${chart}
        version: \${version}
        credentials:
          kind: basic
          username: \${registryUsername}
          password: \${registryPassword}
        plainHttp: true
        verify:
          cosignPublicKey: \${cosignPublicKey}
outputs:
  version: \${found.version}
  digest: \${found.digest}
  cosignKey: \${found.verified.cosignKey}
`;
