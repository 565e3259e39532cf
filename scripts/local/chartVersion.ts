import * as fs from "fs";
import * as path from "path";

/** Rewrites `version:` in a chart's Chart.yaml. */
export function setChartVersion(chartDir: string, version: string): void {
    const file = path.join(chartDir, "Chart.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^version:.*$/m, `version: ${version}`));
}
