export { buildHelmArtifact, chartAnnotations, ChartToPush, HelmArtifact } from "./manifest";
export * from "./mediaTypes";
export { chartRepository, tagToVersion, versionToTag } from "./reference";
export { pushChart, PushChartOptions, PushChartResult } from "./push";
export { listChartVersions, ListChartVersionsOptions } from "./list";
export { pullChart, PullChartOptions, PulledChart } from "./pull";
export { resolveTag, ChartVersionOptions } from "./manage";
