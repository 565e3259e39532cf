import * as path from "path";
import { packageRoot } from "../../chart/packageRoot";

/** Directory of the demo chart shipped with this package (`charts/hello-acr`, listed in the package's "files"). */
export function demoChartPath(start: string = __dirname): string {
    try {
        return path.join(packageRoot(start), "charts", "hello-acr");
    } catch (error) {
        throw new Error(`${(error as Error).message}; set chart.chartPath explicitly`, { cause: error });
    }
}
