import type { PackagedChart } from "../chart/packaging/package";

/** What `helm lint` would complain about in a chart that Helm (and this CLI) still packages, on stderr. */
export function printChartWarnings(chart: PackagedChart): void {
    for (const warning of chart.warnings) process.stderr.write(`Warning: ${warning}\n`);
}
