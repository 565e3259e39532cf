import * as fs from "fs";
import * as path from "path";
import { ChartError } from "../model/errors";
import { HelmIgnore } from "./helmignore";

/** Helm's limits (pkg/chart/loader): 5 MiB per file, 100 MiB for the whole chart, decompressed. */
export const maxFileSize = 5 * 1024 * 1024;
export const maxChartSize = 100 * 1024 * 1024;

/** A chart file: `path` is relative to the chart root with forward slashes. */
export interface ChartFile {
    path: string;
    data: Buffer;
}

interface FoundFile {
    relPath: string;
    absPath: string;
    size: number;
}

interface WalkState {
    root: string;
    realRoot: string;
    rules: HelmIgnore;
    found: FoundFile[];
    total: number;
}

/**
 * Reads every file of a chart directory the way Helm's directory loader does: `.helmignore` (of
 * this directory) applies to all chart-relative paths, including those inside charts/<sub>/;
 * symlinks are followed but must stay inside the chart; irregular files and Helm's size limits
 * are errors. Sizes are checked from stat before any file is read.
 */
export async function loadChartDirectory(chartDir: string): Promise<ChartFile[]> {
    const root = path.resolve(chartDir);
    const stat = await fs.promises.stat(root).catch(() => undefined);
    if (!stat || !stat.isDirectory()) {
        throw new ChartError(
            `chart directory ${root} does not exist or is not a directory; pass the directory that contains Chart.yaml.`,
            root,
        );
    }
    const state: WalkState = { root, realRoot: await fs.promises.realpath(root), rules: await readIgnoreRules(root), found: [], total: 0 };
    await walkDirectory(state, root, "", new Set([state.realRoot]));
    return readFiles(state.found);
}

async function readIgnoreRules(root: string): Promise<HelmIgnore> {
    const file = path.join(root, ".helmignore");
    const text = await fs.promises.readFile(file, "utf8").catch((err: NodeJS.ErrnoException) => {
        if (err.code === "ENOENT") return "";
        throw new ChartError(`cannot read ${file}: ${err.message}`, file);
    });
    return HelmIgnore.parse(text, file);
}

async function walkDirectory(state: WalkState, absDir: string, relDir: string, ancestors: Set<string>): Promise<void> {
    const names = (await unreadableAsChartError(absDir, fs.promises.readdir(absDir))).sort();
    for (const name of names) {
        const absPath = path.join(absDir, name);
        const relPath = relDir === "" ? name : `${relDir}/${name}`;
        const link = await unreadableAsChartError(absPath, fs.promises.lstat(absPath));
        const stat = link.isSymbolicLink() ? await statLinkTarget(absPath) : link;
        if (state.rules.ignores(relPath, stat.isDirectory())) continue;
        if (link.isSymbolicLink()) await ensureInsideChart(state, absPath);
        if (stat.isDirectory()) {
            const real = await fs.promises.realpath(absPath);
            if (ancestors.has(real)) {
                throw new ChartError(`symlink loop at ${absPath}; remove the link or add "${relPath}" to .helmignore.`, absPath);
            }
            await walkDirectory(state, absPath, relPath, new Set([...ancestors, real]));
        } else {
            addFile(state, { relPath, absPath, size: stat.size }, stat);
        }
    }
}

async function unreadableAsChartError<T>(absPath: string, operation: Promise<T>): Promise<T> {
    try {
        return await operation;
    } catch (err) {
        const code = (err as NodeJS.ErrnoException).code ?? "error";
        throw new ChartError(`cannot read ${absPath} (${code}); fix its permissions or add it to .helmignore.`, absPath);
    }
}

async function statLinkTarget(absPath: string): Promise<fs.Stats> {
    try {
        return await fs.promises.stat(absPath);
    } catch {
        throw new ChartError(`${absPath} is a broken symlink; fix its target or delete it.`, absPath);
    }
}

async function ensureInsideChart(state: WalkState, absPath: string): Promise<void> {
    const real = await fs.promises.realpath(absPath);
    const rel = path.relative(state.realRoot, real);
    if (rel === ".." || rel.startsWith(`..${path.sep}`) || path.isAbsolute(rel)) {
        throw new ChartError(
            `${absPath} is a symlink to ${real}, outside the chart directory; copy the target into the chart or add the path to .helmignore.`,
            absPath,
        );
    }
}

function addFile(state: WalkState, file: FoundFile, stat: fs.Stats): void {
    if (!stat.isFile()) {
        throw new ChartError(
            `${file.absPath} is not a regular file (fifo, socket or device); Helm cannot package it — remove it or add "${file.relPath}" to .helmignore.`,
            file.absPath,
        );
    }
    if (file.size > maxFileSize) {
        throw new ChartError(
            `${file.absPath} is ${file.size} bytes, over Helm's per-file limit of ${maxFileSize} bytes (5 MiB); shrink it or add "${file.relPath}" to .helmignore.`,
            file.absPath,
        );
    }
    state.total += file.size;
    if (state.total > maxChartSize) {
        throw new ChartError(
            `chart ${state.root} exceeds Helm's total size limit of ${maxChartSize} bytes (100 MiB) at ${file.relPath}; remove large files or list them in .helmignore.`,
            state.root,
        );
    }
    state.found.push(file);
}

async function readFiles(found: FoundFile[]): Promise<ChartFile[]> {
    const files: ChartFile[] = [];
    const batchSize = 32;
    for (let start = 0; start < found.length; start += batchSize) {
        const batch = found.slice(start, start + batchSize);
        const data = await Promise.all(batch.map((f) => unreadableAsChartError(f.absPath, fs.promises.readFile(f.absPath))));
        batch.forEach((f, i) => {
            if (data[i].length > maxFileSize) {
                throw new ChartError(
                    `${f.absPath} grew over Helm's per-file limit of ${maxFileSize} bytes while packaging; shrink it.`,
                    f.absPath,
                );
            }
            files.push({ path: f.relPath, data: data[i] });
        });
    }
    return files;
}
