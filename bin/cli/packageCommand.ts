import { promises as fs } from "fs";
import * as path from "path";
import { packageChart } from "../../components/chart/package";
import { printChartWarnings } from "./chartWarnings";
import type { CliIO } from "./io";
import { parseCommand } from "./usage";

/** `acr-helm package <chart-dir> [-d dir]`: writes `<name>-<version>.tgz`, byte-identical for the same content. */
export async function packageCommand(args: string[], io: CliIO): Promise<void> {
    const { values, positionals } = parseCommand(args, { destination: { type: "string", short: "d" } }, ["chart-dir"]);
    const chart = await packageChart(positionals[0]);
    printChartWarnings(chart);
    const destination = path.resolve(typeof values.destination === "string" ? values.destination : ".");
    await fs.mkdir(destination, { recursive: true });
    const file = path.join(destination, chart.fileName);
    await fs.writeFile(file, chart.archive);
    io.out(`Successfully packaged chart and saved it to: ${file}`);
    io.out(`Digest: ${chart.chartDigest}`);
}
