import { promises as fs } from "fs";
import * as path from "path";
import { readChartArchive } from "./archiveReader";

/** Unpacks a chart archive into `<destination>/<chart>/`, as `helm pull --untar` does; returns that directory. */
export async function extractChartArchive(archive: Buffer, destination: string): Promise<string> {
    const { topDir, files } = await readChartArchive(archive, "pulled chart archive");
    const chartDir = path.join(destination, topDir);
    for (const file of files) {
        const target = path.join(chartDir, ...file.path.split("/"));
        await fs.mkdir(path.dirname(target), { recursive: true });
        await fs.writeFile(target, file.data, { mode: 0o644 });
    }
    return chartDir;
}
