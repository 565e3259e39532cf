export {
    BasicChartRegistryCredentials,
    ChartRegistryCredentials,
    ChartReleaseArgs,
    ChartVerifyArgs,
    chartReleaseDefaults,
    PodSecurityLevel,
    resolveChartReleaseArgs,
} from "./args";
export { ChartRelease, podSecurityLabels } from "./release";
export { literalVersionWarning, maxReleaseNameLength, validateChartRef, validateChartReleaseArgs, validateChartVersion } from "./validate";
export { PublishAndReleaseArgs, PublishedRelease, publishAndRelease } from "./publishAndRelease";
