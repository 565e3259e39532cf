import { isMap, parseDocument } from "yaml";
import { ChartDependency, ChartMetadata } from "../model/chartfile";
import { ChartFile } from "./loader";

const yamlOptions = { version: "1.1", uniqueKeys: false } as const;

/**
 * What `helm package` (Helm 3.22 and 4.3, loader.LoadFiles then chartutil.Save) does to an apiVersion v2
 * chart that still ships the v1 files: the loader reads requirements.yaml's `dependencies` into the chart
 * metadata and requirements.lock into the lock, keeps neither file, and Save writes the dependencies into
 * Chart.yaml and the lock as Chart.lock. So requirements.yaml's dependencies replace those of Chart.yaml
 * (when it lists any: a `dependencies: null` or `[]` removes them), and requirements.lock replaces
 * Chart.lock (the loader reads it after Chart.lock).
 */
export function requirementsMovedIntoChart(
    metadata: ChartMetadata,
    files: readonly ChartFile[],
    requirements: ChartDependency[] | undefined,
    fileLabel: string,
    warnings: string[],
): { metadata: ChartMetadata; files: ChartFile[] } {
    const requirementsYaml = files.find((f) => f.path === "requirements.yaml");
    const requirementsLock = files.find((f) => f.path === "requirements.lock");
    if (!requirementsYaml && !requirementsLock) return { metadata, files: [...files] };
    warnings.push(
        `${fileLabel}: requirements.yaml and requirements.lock are for apiVersion v1 charts; Helm moves them into Chart.yaml and Chart.lock ` +
            "when it packages an apiVersion v2 chart, and so does this package. Move the dependencies to Chart.yaml and run helm dependency update.",
    );
    let kept = files.filter((f) => f.path !== "requirements.yaml" && f.path !== "requirements.lock");
    if (requirementsLock) {
        kept = kept.filter((f) => f.path !== "Chart.lock").concat({ path: "Chart.lock", data: requirementsLock.data });
    }
    if (!requirementsYaml || requirements === undefined) return { metadata, files: kept };
    const rest: ChartMetadata = { ...metadata };
    delete rest.dependencies;
    return {
        metadata: requirements.length > 0 ? { ...rest, dependencies: requirements } : rest,
        files: kept.map((f) => (f.path === "Chart.yaml" ? { path: f.path, data: withDependenciesOf(f.data, requirementsYaml.data) } : f)),
    };
}

/** Chart.yaml with its `dependencies` replaced by requirements.yaml's as written there; its other keys and comments kept. */
function withDependenciesOf(chartYaml: Buffer, requirementsYaml: Buffer): Buffer {
    const chart = parseDocument(chartYaml.toString("utf8").replace(/^\uFEFF/, ""), yamlOptions);
    const requirements = parseDocument(requirementsYaml.toString("utf8").replace(/^\uFEFF/, ""), yamlOptions);
    const listed = isMap(requirements.contents) ? requirements.contents.get("dependencies", true) : undefined;
    chart.delete("dependencies");
    if (listed && "items" in listed && Array.isArray(listed.items) && listed.items.length > 0) chart.set("dependencies", listed);
    return Buffer.from(String(chart), "utf8");
}
