import { stringify } from "yaml";
import { readChartArchive } from "../load/archiveReader";
import type { ChartFile } from "../load/loader";
import { RegistryConnectionOptions } from "../distribution/connection";
import { OciError } from "../distribution/errors";
import { listChartVersions } from "../helmOci/list";
import { pullChart } from "../helmOci/pull";
import { foldLikeGoYaml } from "./goYamlFolding";

export type ShowWhat = "chart" | "values" | "readme" | "crds" | "all";
export const SHOW_WHAT: readonly ShowWhat[] = ["chart", "values", "readme", "crds", "all"];

export interface ShowChartOptions extends RegistryConnectionOptions {
    /** Full repository path including the chart name. */
    repository: string;
    /** Default: the highest SemVer version in the repository. */
    version?: string;
    what: ShowWhat;
}

/** Helm's README names, matched case-insensitively at the chart's top level (helm pkg/action/show.go). */
const README_NAMES = ["readme.md", "readme.txt", "readme"];

/** What `helm show <what>` prints for a chart in a registry: pulled (digests checked) and read from the archive. */
export async function showChart(options: ShowChartOptions): Promise<string> {
    const version = options.version ?? (await newestVersion(options));
    const pulled = await pullChart({ ...options, version });
    const { files } = await readChartArchive(pulled.archive, `${options.registry}/${options.repository}:${version}`);
    const what = options.what;
    const parts: string[] = [];
    if (what === "chart" || what === "all") parts.push(`${chartYaml(pulled.metadata)}\n`);
    const values = files.find((file) => file.path === "values.yaml");
    if ((what === "values" || what === "all") && values) parts.push(`${separator(what, parts)}${values.data.toString("utf8")}\n`);
    const readme = files.find((file) => !file.path.includes("/") && README_NAMES.includes(file.path.toLowerCase()));
    if ((what === "readme" || what === "all") && readme) parts.push(`${separator(what, parts)}${readme.data.toString("utf8")}\n`);
    const crds = crdFiles(files);
    if ((what === "crds" || what === "all") && crds.length > 0) {
        const lead = what === "all" && !crds[0].data.toString("utf8").startsWith("---") ? "---\n" : "";
        parts.push(lead + crds.map((file) => `${file.data.toString("utf8")}\n`).join(""));
    }
    return parts.join("");
}

function separator(what: ShowWhat, parts: string[]): string {
    return what === "all" && parts.length > 0 ? "---\n" : "";
}

/** Chart.yaml as Helm prints it: the metadata marshalled to YAML through JSON (sigs.k8s.io/yaml), so keys come out sorted. */
export function chartYaml(metadata: object): string {
    return foldLikeGoYaml(stringify(metadata, { sortMapEntries: true, indentSeq: false, lineWidth: 0 }));
}

/** CRDs of the chart (crds/), then of its unpacked subcharts (charts/<name>/crds/), in archive order. */
function crdFiles(files: ChartFile[]): ChartFile[] {
    const own = files.filter((file) => /^crds\/./.test(file.path));
    const subcharts = files.filter((file) => /^charts\/[^/]+\/crds\/./.test(file.path));
    return [...own, ...subcharts].filter((file) => /\.(ya?ml|json)$/.test(file.path));
}

async function newestVersion(options: ShowChartOptions): Promise<string> {
    const [newest] = await listChartVersions(options);
    if (newest === undefined) {
        throw new OciError(
            `show ${options.registry}/${options.repository} failed: the repository holds no chart versions (no SemVer tags). ` +
                `Check the path with 'acr-helm search oci://${options.registry}', or push the chart first.`,
            { operation: "show", registry: options.registry, repository: options.repository, code: "NAME_UNKNOWN" },
        );
    }
    return newest;
}
