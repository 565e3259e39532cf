import { ChartMetadata, parseChartYaml } from "../model/chartfile";
import { ChartError } from "../model/errors";
import { readChartArchive } from "../load/archiveReader";
import { checkValuesYaml } from "../model/helmYaml";
import { checkDependenciesPresent, declaredDependencies, requirementsDependencies } from "./dependencyCheck";
import { packagedAsHelmDoes } from "../load/legacyChart";
import { ChartFile } from "../load/loader";

export interface ChartLayout {
    metadata: ChartMetadata;
    /** files relative to the chart root, subcharts already under charts/<subchart name>/ */
    files: ChartFile[];
    /** what `helm lint` would complain about, for this chart and its subcharts; Helm packages it anyway */
    warnings: string[];
}

/** Files Helm writes first, in this order (pkg/chartutil/save.go); everything else follows sorted. */
const leadingFiles = ["Chart.yaml", "Chart.lock", "values.yaml", "values.schema.json"];

/**
 * Validates a chart's files and arranges them as Helm lays a chart out: Chart.yaml parsed and
 * checked, values.yaml and values.schema.json parsed, and charts/ split the way Helm's loader
 * splits it — directories are subcharts (validated recursively and stored under their chart
 * name), .tgz files are subchart archives (validated, kept byte for byte), .prov files are kept,
 * and names starting with "_" or "." are dropped. `label` names the chart in errors. Like `helm
 * package`, only the top-level chart must have its declared dependencies in charts/.
 */
export async function layoutChart(files: readonly ChartFile[], label: string, topLevel = true): Promise<ChartLayout> {
    const chartYaml = files.find((f) => f.path === "Chart.yaml");
    if (!chartYaml) {
        throw new ChartError(
            `${label}/Chart.yaml is missing; every chart needs a Chart.yaml with apiVersion, name and version.`,
            `${label}/Chart.yaml`,
        );
    }
    const warnings: string[] = [];
    const parsed = parseChartYaml(chartYaml.data.toString("utf8"), `${label}/Chart.yaml`, warnings);
    checkValues(files, label, warnings);
    const requirements = requirementsDependencies(files, label);
    const declared = declaredDependencies(parsed, requirements);
    const { metadata, files: packagedFiles } = packagedAsHelmDoes(parsed, files, requirements, `${label}/Chart.yaml`, warnings);
    const own: ChartFile[] = [];
    const subchartDirs = new Map<string, ChartFile[]>();
    const archivedSubcharts = new Set<string>();
    for (const file of packagedFiles) {
        if (!file.path.startsWith("charts/")) {
            own.push(file);
            continue;
        }
        const inCharts = file.path.slice("charts/".length);
        const slash = inCharts.indexOf("/");
        const entryName = slash < 0 ? inCharts : inCharts.slice(0, slash);
        if (entryName.startsWith("_") || entryName.startsWith(".")) continue;
        if (slash < 0) {
            own.push(await checkedChartsFile(file, label, archivedSubcharts, warnings));
        } else {
            const group = subchartDirs.get(entryName) ?? [];
            group.push({ path: inCharts.slice(slash + 1), data: file.data });
            subchartDirs.set(entryName, group);
        }
    }
    const subchartNames = await addSubcharts(own, subchartDirs, label, warnings);
    if (topLevel) checkDependenciesPresent(declared, new Set([...subchartNames, ...archivedSubcharts]), label);
    return { metadata, files: own, warnings };
}

/** values.yaml must parse and values.schema.json must be JSON: `helm package` refuses the chart otherwise. */
function checkValues(files: readonly ChartFile[], label: string, warnings: string[]): void {
    const values = files.find((f) => f.path === "values.yaml");
    if (values) checkValuesYaml(values.data.toString("utf8"), `${label}/values.yaml`, warnings);
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

async function checkedChartsFile(file: ChartFile, label: string, archivedSubcharts: Set<string>, warnings: string[]): Promise<ChartFile> {
    if (file.path.endsWith(".prov")) return file;
    if (file.path.endsWith(".tgz")) {
        const where = `${label}/${file.path}`;
        const contents = await readChartArchive(file.data, where);
        const sub = await layoutChart(contents.files, where, false);
        archivedSubcharts.add(sub.metadata.name);
        warnings.push(...sub.warnings);
        return file;
    }
    const where = `${label}/${file.path}`;
    throw new ChartError(
        `${where}: charts/ may hold only subchart directories, .tgz chart archives and .prov files; move the file out of charts/ or add it to .helmignore.`,
        where,
    );
}

async function addSubcharts(
    own: ChartFile[],
    subchartDirs: Map<string, ChartFile[]>,
    label: string,
    warnings: string[],
): Promise<Set<string>> {
    const names = new Set<string>();
    for (const [dirName, subFiles] of subchartDirs) {
        const sub = await layoutChart(subFiles, `${label}/charts/${dirName}`, false);
        warnings.push(...sub.warnings);
        const name = sub.metadata.name;
        if (names.has(name) || own.some((f) => f.path.startsWith(`charts/${name}/`))) {
            throw new ChartError(
                `${label}/charts holds two subcharts named ${name}; remove or rename one of them.`,
                `${label}/charts/${dirName}`,
            );
        }
        names.add(name);
        for (const f of sub.files) own.push({ path: `charts/${name}/${f.path}`, data: f.data });
    }
    return names;
}

/** Helm's order: Chart.yaml, Chart.lock, values.yaml, values.schema.json, then the rest bytewise by path. */
export function sortForArchive(files: readonly ChartFile[]): ChartFile[] {
    const rank = (p: string) => {
        const index = leadingFiles.indexOf(p);
        return index < 0 ? leadingFiles.length : index;
    };
    return [...files].sort((a, b) => rank(a.path) - rank(b.path) || Buffer.compare(Buffer.from(a.path), Buffer.from(b.path)));
}
