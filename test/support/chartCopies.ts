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

export { setChartVersion } from "../../scripts/local/chartVersion";

export function removeCopy(chartDir: string): void {
    fs.rmSync(path.dirname(chartDir), { recursive: true, force: true });
}
