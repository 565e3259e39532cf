export { copyChartVersion, CopyChartOptions, CopyChartResult } from "./copyChartVersion";
export { SignatureCopy } from "./signatures";
