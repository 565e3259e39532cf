export { searchCharts, SearchChartsOptions, SearchResult, SkippedRepository } from "./search";
export { ChartVersionSummary } from "./chartVersionSummary";
