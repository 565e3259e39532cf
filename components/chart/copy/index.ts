export { copyChartVersion, CopyChartOptions, CopyChartResult, CopyEndpoint } from "./copyChartVersion";
export { SignatureCopy } from "./signatures";
