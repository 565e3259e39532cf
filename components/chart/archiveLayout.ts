import { ChartMetadata, parseChartYaml, parseYamlMapping } from "./chartfile";
import { ChartError } from "./errors";
import { readChartArchive } from "./archiveReader";
import { ChartFile } from "./loader";

export interface ChartLayout {
    metadata: ChartMetadata;
    /** files relative to the chart root, subcharts already under charts/<subchart name>/ */
    files: ChartFile[];
}

/** Files Helm writes first, in this order (pkg/chartutil/save.go); everything else follows sorted. */
const leadingFiles = ["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"];

/**
 * Validates a chart's files and arranges them as Helm lays a chart out: Chart.yaml parsed and
 * checked, values.yaml and values.schema.json parsed, and charts/ split the way Helm's loader
 * splits it — directories are subcharts (validated recursively and stored under their chart
 * name), .tgz files are subchart archives (validated, kept byte for byte), .prov files are kept,
 * and names starting with "_" or "." are dropped. `label` names the chart in errors.
 */
export async function layoutChart(files: readonly ChartFile[], label: string): Promise<ChartLayout> {
    const chartYaml = files.find((f) => f.path === "Chart.yaml");
    if (!chartYaml) {
        throw new ChartError(`${label}/Chart.yaml is missing; every chart needs a Chart.yaml with apiVersion, name and version.`, `${label}/Chart.yaml`);
    }
    const metadata = parseChartYaml(chartYaml.data.toString("utf8"), `${label}/Chart.yaml`);
    checkValues(files, label);
    const own: ChartFile[] = [];
    const subchartDirs = new Map<string, ChartFile[]>();
    const archivedSubcharts = new Set<string>();
    for (const file of files) {
        if (!file.path.startsWith("charts/")) {
            own.push(file);
            continue;
        }
        const inCharts = file.path.slice("charts/".length);
        const slash = inCharts.indexOf("/");
        const entryName = slash < 0 ? inCharts : inCharts.slice(0, slash);
        if (entryName.startsWith("_") || entryName.startsWith(".")) continue;
        if (slash < 0) {
            own.push(await checkedChartsFile(file, label, archivedSubcharts));
        } else {
            const group = subchartDirs.get(entryName) ?? [];
            group.push({ path: inCharts.slice(slash + 1), data: file.data });
            subchartDirs.set(entryName, group);
        }
    }
    const subchartNames = await addSubcharts(own, subchartDirs, label);
    checkDependenciesPresent(metadata, new Set([...subchartNames, ...archivedSubcharts]), label);
    return { metadata, files: own };
}

function checkValues(files: readonly ChartFile[], label: string): void {
    const values = files.find((f) => f.path === "values.yaml");
    if (values) parseYamlMapping(values.data.toString("utf8"), `${label}/values.yaml`, true);
    const schema = files.find((f) => f.path === "values.schema.json");
    if (schema) {
        try {
            JSON.parse(schema.data.toString("utf8").replace(/^\uFEFF/, ""));
        } catch (err) {
            const file = `${label}/values.schema.json`;
            throw new ChartError(`${file} is not valid JSON (${(err as Error).message}); fix the JSON syntax.`, file);
        }
    }
}

async function checkedChartsFile(file: ChartFile, label: string, archivedSubcharts: Set<string>): Promise<ChartFile> {
    if (file.path.endsWith(".prov")) return file;
    if (file.path.endsWith(".tgz")) {
        const where = `${label}/${file.path}`;
        const contents = await readChartArchive(file.data, where);
        archivedSubcharts.add((await layoutChart(contents.files, where)).metadata.name);
        return file;
    }
    const where = `${label}/${file.path}`;
    throw new ChartError(`${where}: charts/ may hold only subchart directories, .tgz chart archives and .prov files; move the file out of charts/ or add it to .helmignore.`, where);
}

async function addSubcharts(own: ChartFile[], subchartDirs: Map<string, ChartFile[]>, label: string): Promise<Set<string>> {
    const names = new Set<string>();
    for (const [dirName, subFiles] of subchartDirs) {
        const sub = await layoutChart(subFiles, `${label}/charts/${dirName}`);
        const name = sub.metadata.name;
        if (names.has(name) || own.some((f) => f.path.startsWith(`charts/${name}/`))) {
            throw new ChartError(`${label}/charts holds two subcharts named ${name}; remove or rename one of them.`, `${label}/charts/${dirName}`);
        }
        names.add(name);
        for (const f of sub.files) own.push({ path: `charts/${name}/${f.path}`, data: f.data });
    }
    return names;
}

function checkDependenciesPresent(metadata: ChartMetadata, available: Set<string>, label: string): void {
    for (const dep of metadata.dependencies ?? []) {
        if (!available.has(dep.name)) {
            throw new ChartError(
                `${label}/Chart.yaml declares dependency ${dep.name}, but charts/ does not contain it; run "helm dependency build ${label}" first.`,
                `${label}/Chart.yaml`,
            );
        }
    }
}

/** Helm's order: Chart.yaml, Chart.lock, values.yaml, values.schema.json, then the rest bytewise by path. */
export function sortForArchive(files: readonly ChartFile[]): ChartFile[] {
    const rank = (p: string) => {
        const index = leadingFiles.indexOf(p);
        return index < 0 ? leadingFiles.length : index;
    };
    return [...files].sort((a, b) => rank(a.path) - rank(b.path) || Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
