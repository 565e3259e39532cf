import * as fs from "fs";
import * as path from "path";

/** `count` copies of a chart, each renamed `<prefix>-NN`, in `dir`. Returns their directories. */
export function makeChartCopies(source: string, dir: string, count: number, prefix = "bench-chart"): string[] {
    return Array.from({ length: count }, (_, i) => {
        const name = `${prefix}-${String(i + 1).padStart(2, "0")}`;
        const target = path.join(dir, name);
        fs.cpSync(source, target, { recursive: true });
        const chartYaml = path.join(target, "Chart.yaml");
        fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, "utf8").replace(/^name:.*$/m, `name: ${name}`));
        return target;
    });
}
