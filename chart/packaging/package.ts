import { createHash } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { layoutChart, sortForArchive } from "./archiveLayout";
import { readChartArchive } from "../load/archiveReader";
import { writeChartArchive } from "./archiveWriter";
import { ChartMetadata } from "../model/chartfile";
import { ChartError } from "../model/errors";
import { HelmIgnore } from "../load/helmignore";
import { loadChartDirectory } from "../load/loader";

export interface PackageOptions {
    /** seconds since epoch written into every tar entry; default 0 (1970-01-01, which Helm and tar read fine) */
    mtime?: number;
}

export interface PackagedChart {
    metadata: ChartMetadata;
    archive: Buffer;
    /** "sha256:<hex>" of archive */
    chartDigest: string;
    /** name-version.tgz */
    fileName: string;
    /** what `helm lint` would complain about in a chart Helm still packages; the chart is published anyway */
    warnings: string[];
}

/**
 * Packages a chart directory into a Helm-compatible .tgz whose bytes depend only on the chart's
 * content and `options.mtime` (not on file mtimes, permissions, owners or directory order), or
 * validates an existing .tgz and returns its bytes unchanged.
 *
 * Unlike `helm package`, Chart.yaml keeps its original bytes instead of being re-serialised, so
 * the digest depends on our own bytes only (not on a YAML library's output), and comments survive.
 * Subchart directories in charts/ are stored expanded under charts/<subchart name>/ as Helm does;
 * subchart .tgz files are stored as they are.
 */
export async function packageChart(pathToDirOrTgz: string, options: PackageOptions = {}): Promise<PackagedChart> {
    const input = path.resolve(pathToDirOrTgz);
    const stat = await fs.promises.stat(input).catch(() => undefined);
    if (!stat) {
        throw new ChartError(`chart path ${input} does not exist; pass a chart directory (containing Chart.yaml) or a chart .tgz.`, input);
    }
    if (stat.isFile()) return readExistingArchive(input);
    return packageDirectory(input, options.mtime ?? 0);
}

async function packageDirectory(chartDir: string, mtime: number): Promise<PackagedChart> {
    await explainIgnoredChartYaml(chartDir);
    const files = await loadChartDirectory(chartDir);
    const layout = await layoutChart(files, chartDir);
    const { name } = layout.metadata;
    const entries = sortForArchive(layout.files).map((f) => ({ path: `${name}/${f.path}`, data: f.data }));
    const archive = await writeChartArchive(entries, mtime);
    return result(layout.metadata, archive, layout.warnings);
}

async function readExistingArchive(file: string): Promise<PackagedChart> {
    if (!file.endsWith(".tgz") && !file.endsWith(".tar.gz")) {
        throw new ChartError(
            `${file} is a file but not a .tgz chart archive; pass a chart directory or a .tgz made by helm package.`,
            file,
        );
    }
    const archive = await fs.promises.readFile(file);
    const contents = await readChartArchive(archive, file);
    const layout = await layoutChart(contents.files, `${file}:${contents.topDir}`);
    return result(layout.metadata, archive, layout.warnings);
}

function result(metadata: ChartMetadata, archive: Buffer, warnings: string[]): PackagedChart {
    return {
        metadata,
        archive,
        chartDigest: `sha256:${createHash("sha256").update(archive).digest("hex")}`,
        fileName: `${metadata.name}-${metadata.version}.tgz`,
        warnings,
    };
}

/** Helm reports an ignored Chart.yaml as "missing"; name the .helmignore rule instead. */
async function explainIgnoredChartYaml(chartDir: string): Promise<void> {
    const ignoreFile = path.join(chartDir, ".helmignore");
    const text = await fs.promises.readFile(ignoreFile, "utf8").catch(() => undefined);
    if (text === undefined) return;
    const rule = HelmIgnore.parse(text, ignoreFile).ignoredBy("Chart.yaml", false);
    if (rule && fs.existsSync(path.join(chartDir, "Chart.yaml"))) {
        const why = rule.negate ? ' (Helm ignores every path that does not match a "!" rule)' : "";
        throw new ChartError(
            `${ignoreFile} line ${rule.line}: rule "${rule.raw}" excludes Chart.yaml${why}; change or remove the rule.`,
            ignoreFile,
        );
    }
}
