export { buildHelmArtifact, chartAnnotations, ChartToPush, HelmArtifact } from "./manifest";
export * from "./mediaTypes";
export { chartRepository, tagToVersion, versionToTag } from "./reference";
export { pushArtifact, pushChart, PushChartOptions, PushChartResult, PushPolicy } from "./push";
export { ChartToPublish, pushCharts, PushChartsOptions } from "./pushCharts";
export { ChartPushPlan, planChartPush } from "./pushPlan";
export { listChartVersions, ListChartVersionsOptions } from "./list";
export { pullChart, PullChartOptions, PulledChart } from "./pull";
export { resolveTag, versionDigest, ChartVersionOptions } from "./manage";
