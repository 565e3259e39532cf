import { promises as fs } from "fs";
import * as path from "path";
import { packageChart } from "../chart/packaging/package";
import { printChartWarnings } from "./chartWarnings";
import type { CliIO } from "./io";
import type { CommandHelp } from "./help";
import { parseCommand } from "./usage";

export const help: CommandHelp = {
    summary: "Package a chart directory into <name>-<version>.tgz, byte-identical for the same content (as helm package does).",
    usage: "package <chart-dir> [-d <dir>]",
    flags: [["-d, --destination <dir>", "where to write the archive (default: the current directory)"]],
};

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
