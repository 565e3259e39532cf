// getChart: a version or range resolved to version and digest, signatures verified, by the plugin (reads only).
export { getChart, getChartOutput } from "../../sdk/nodejs/getChart";
export type { GetChartArgs, GetChartOutputArgs, GetChartResult } from "../../sdk/nodejs/getChart";
