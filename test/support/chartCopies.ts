import * as fs from "fs";
import * as os from "os";
import * as path from "path";

/** A throwaway copy of a chart directory, outside any git checkout. */
export function copyChart(source: string, prefix = "acr-helm-chart-"): string {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
    const target = path.join(root, path.basename(source));
    fs.cpSync(source, target, { recursive: true });
    return target;
}

/** Rewrites `version:` in a chart's Chart.yaml. */
export function setChartVersion(chartDir: string, version: string): void {
    const file = path.join(chartDir, "Chart.yaml");
    fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^version:.*$/m, `version: ${version}`));
}

export function removeCopy(chartDir: string): void {
    fs.rmSync(path.dirname(chartDir), { recursive: true, force: true });
}
