import { promises as fs } from "fs";
import * as path from "path";
import { readChartArchive } from "./archiveReader";
import { ChartError } from "../model/errors";

/**
 * `relative` resolved inside `directory`; throws when it would land anywhere else (absolute, `..`,
 * a separator in what should be one name). Guards every file written from registry-supplied names.
 */
export function pathInside(directory: string, relative: string): string {
    const root = path.resolve(directory);
    const target = path.resolve(root, relative);
    const rel = path.relative(root, target);
    if (rel === "" || rel.startsWith("..") || path.isAbsolute(rel)) {
        throw new ChartError(`refusing to write ${JSON.stringify(relative)}: it is not a path inside ${root}.`, relative);
    }
    return target;
}

/**
 * Unpacks a chart archive into `<destination>/<chart>/`, as `helm pull --untar` does; returns that directory.
 * When `expectedChart` is given, the archive's top-level directory must be exactly that chart name.
 */
export async function extractChartArchive(archive: Buffer, destination: string, expectedChart?: string): Promise<string> {
    const { topDir, files } = await readChartArchive(archive, "pulled chart archive");
    if (expectedChart !== undefined && topDir !== expectedChart) {
        throw new ChartError(
            `pulled chart archive holds the directory ${JSON.stringify(topDir)}, not the chart's name "${expectedChart}"; ` +
                `nothing was extracted. The artifact was not packaged by Helm or has been tampered with; re-publish the chart.`,
            "pulled chart archive",
        );
    }
    const chartDir = pathInside(destination, topDir);
    for (const file of files) {
        const target = pathInside(chartDir, file.path);
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.data, { mode: 0o644 });
    }
    return chartDir;
}
