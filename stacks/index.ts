import { readStackConfig } from "./config";
import { deployStack } from "./program";

// Pulumi turns this module's exports into the stack outputs.
const outputs = deployStack(readStackConfig());

export const loginServer = outputs.loginServer;
export const clusterName = outputs.clusterName;
export const pushClientId = outputs.pushClientId;
export const pushClientSecret = outputs.pushClientSecret;
export const kubeconfig = outputs.kubeconfig;
export const chartRef = outputs.chartRef;
export const chartVersion = outputs.chartVersion;
export const releaseStatus = outputs.releaseStatus;
