import { parseDocument } from "yaml";
import { ChartDependency, ChartMetadata } from "../model/chartfile";
import { ChartFile } from "./loader";
import { requirementsMovedIntoChart } from "./requirementsV2";

/**
 * What `helm package` (Helm 3 and 4, chartutil.Save) does to an apiVersion v1 chart, done here too
 * so that Helm reads the same chart from our archive as from its own: `dependencies` listed in
 * Chart.yaml are left out of the packaged Chart.yaml (so Helm ignores their conditions, aliases and
 * import-values at install), and Chart.lock is not packaged. requirements.yaml, the v1 way to
 * declare dependencies, is kept and is what Helm reads the dependencies from. A v2 chart's
 * requirements.yaml and requirements.lock are moved into Chart.yaml and Chart.lock (requirementsV2.ts).
 */
export function packagedAsHelmDoes(
    metadata: ChartMetadata,
    files: readonly ChartFile[],
    requirements: ChartDependency[] | undefined,
    fileLabel: string,
    warnings: string[],
): { metadata: ChartMetadata; files: ChartFile[] } {
    if (metadata.apiVersion !== "v1") return requirementsMovedIntoChart(metadata, files, requirements, fileLabel, warnings);
    const { dependencies, ...rest } = metadata;
    const packaged: ChartMetadata = requirements ? { ...rest, dependencies: requirements } : rest;
    if (dependencies === undefined) return { metadata: packaged, files: files.filter((f) => f.path !== "Chart.lock") };
    warnings.push(
        `${fileLabel}: an apiVersion v1 chart keeps its dependencies in requirements.yaml; Helm leaves the dependencies of Chart.yaml ` +
            "out of the package (their condition, alias and import-values are ignored at install), and so does this package. Change apiVersion to v2.",
    );
    return {
        metadata: packaged,
        files: files
            .filter((f) => f.path !== "Chart.lock")
            .map((f) => (f.path === "Chart.yaml" ? { path: f.path, data: withoutDependencies(f.data) } : f)),
    };
}

function withoutDependencies(chartYaml: Buffer): Buffer {
    const doc = parseDocument(chartYaml.toString("utf8").replace(/^\uFEFF/, ""), { version: "1.1", uniqueKeys: false });
    doc.delete("dependencies");
    return Buffer.from(String(doc), "utf8");
}
