import * as zlib from "zlib";
import * as tar from "tar-stream";
import { ChartError } from "../model/errors";
import { ChartFile, maxChartSize, maxFileSize } from "./loader";

/** The files of a chart archive, relative to its single top-level directory. */
export interface ChartArchiveContents {
    topDir: string;
    files: ChartFile[];
}

/**
 * Reads a chart .tgz the way Helm's archive loader does: one top-level directory, no absolute
 * paths, no `..`, no Chart.yaml at the archive root, Helm's size limits. Only regular files are
 * kept (directory entries and PAX headers are skipped); links are rejected.
 */
export async function readChartArchive(archive: Buffer, label: string): Promise<ChartArchiveContents> {
    const tarBytes = gunzip(archive, label);
    const entries = await extractEntries(tarBytes, label);
    let topDir: string | undefined;
    const files: ChartFile[] = [];
    for (const entry of entries) {
        const parts = checkedPath(entry.path, label);
        if (parts.length === 1) {
            if (parts[0] === "Chart.yaml") {
                throw new ChartError(
                    `${label} has Chart.yaml at the archive root; a chart archive must contain one directory named after the chart (use helm package or packageChart on the directory).`,
                    label,
                );
            }
            continue;
        }
        if (topDir !== undefined && parts[0] !== topDir) {
            throw new ChartError(
                `${label} has more than one top-level directory (${topDir}, ${parts[0]}); a chart archive must contain exactly one.`,
                label,
            );
        }
        topDir = parts[0];
        files.push({ path: parts.slice(1).join("/"), data: entry.data });
    }
    if (topDir === undefined || !files.some((f) => f.path === "Chart.yaml")) {
        throw new ChartError(
            `${label} has no <chart>/Chart.yaml; it is not a Helm chart archive. Package the chart directory instead.`,
            label,
        );
    }
    return { topDir, files };
}

function gunzip(archive: Buffer, label: string): Buffer {
    try {
        // Tar headers add at most ~1 KiB per file; the slack keeps a legal 100 MiB chart readable.
        return zlib.gunzipSync(archive, { maxOutputLength: maxChartSize + 16 * 1024 * 1024 });
    } catch (err) {
        const reason = err instanceof RangeError ? "it decompresses to more than Helm's 100 MiB limit" : (err as Error).message;
        throw new ChartError(`${label} is not a readable gzip'd chart archive: ${reason}.`, label);
    }
}

interface RawEntry {
    path: string;
    data: Buffer;
}

async function extractEntries(tarBytes: Buffer, label: string): Promise<RawEntry[]> {
    const extract = tar.extract();
    extract.end(tarBytes);
    const entries: RawEntry[] = [];
    try {
        for await (const entry of extract) {
            const problem = entryProblem(entry.header, label);
            if (problem) throw problem;
            const chunks: Buffer[] = [];
            for await (const chunk of entry) chunks.push(chunk as Buffer);
            if (entry.header.type === "file") entries.push({ path: entry.header.name, data: Buffer.concat(chunks) });
        }
    } catch (err) {
        if (err instanceof ChartError) throw err;
        throw new ChartError(`${label} is not a valid tar archive: ${(err as Error).message}.`, label);
    }
    return entries;
}

function entryProblem(header: tar.Header, label: string): ChartError | undefined {
    if (header.type === "directory") return undefined;
    if (header.type !== "file") {
        return new ChartError(
            `${label} contains ${header.name} of type ${header.type}; chart archives may hold only regular files.`,
            label,
        );
    }
    if ((header.size ?? 0) > maxFileSize) {
        return new ChartError(`${label}: ${header.name} is over Helm's per-file limit of ${maxFileSize} bytes (5 MiB).`, label);
    }
    return undefined;
}

function checkedPath(name: string, label: string): string[] {
    const normalized = name.replace(/\\/g, "/");
    if (normalized.startsWith("/") || /^[a-zA-Z]:/.test(normalized)) {
        throw new ChartError(`${label} contains the absolute path ${name}; chart archives must use relative paths.`, label);
    }
    const parts = normalized.split("/").filter((p) => p !== "" && p !== ".");
    if (parts.includes("..")) {
        throw new ChartError(`${label} contains the path ${name} with "..", which could escape the chart; rebuild the archive.`, label);
    }
    return parts;
}
