import * as fs from "fs";
import * as path from "path";

const packageName = "pulumi-acr-helm";

/**
 * Directory of the demo chart shipped with this package (`charts/hello-acr`, listed in the package's "files").
 *
 * Found by walking up to this package's own package.json rather than by a fixed `../../..`: the module runs
 * compiled from `dist/components/platform/`, from an installed copy under `node_modules/pulumi-acr-helm/`,
 * and as TypeScript source from `components/platform/` when Pulumi runs the stack program through ts-node;
 * the relative depth to the package root differs between these.
 */
export function demoChartPath(start: string = __dirname): string {
    return path.join(packageRoot(start), "charts", "hello-acr");
}

function packageRoot(start: string): string {
    let dir = path.resolve(start);
    for (;;) {
        if (isThisPackage(path.join(dir, "package.json"))) return dir;
        const parent = path.dirname(dir);
        if (parent === dir) {
            throw new Error(`cannot find the ${packageName} package root above ${start}; set chart.chartPath explicitly`);
        }
        dir = parent;
    }
}

function isThisPackage(manifest: string): boolean {
    if (!fs.existsSync(manifest)) return false;
    try {
        return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { name?: string }).name === packageName;
    } catch {
        return false;
    }
}
