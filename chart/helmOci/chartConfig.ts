import type { ChartDependency, ChartMaintainer, ChartMetadata } from "../model/chartfile";
import { goJsonString, goJsonStruct, goJsonValue } from "./goJson";

/** omitempty for strings */
function str(value: string | undefined): string | undefined {
    return value ? goJsonString(value) : undefined;
}

/** omitempty for slices and maps */
function list<T>(values: T[] | undefined, encode: (value: T) => string): string | undefined {
    return values && values.length > 0 ? "[" + values.map(encode).join(",") + "]" : undefined;
}

function map(values: Record<string, string> | undefined): string | undefined {
    return values && Object.keys(values).length > 0 ? goJsonValue(values) : undefined;
}

function maintainerJson(m: ChartMaintainer): string {
    return goJsonStruct([
        ["name", str(m.name)],
        ["email", str(m.email)],
        ["url", str(m.url)],
    ]);
}

/** Helm's chart.Dependency: name and repository are written even when empty. */
function dependencyJson(d: ChartDependency): string {
    return goJsonStruct([
        ["name", goJsonString(d.name ?? "")],
        ["version", str(d.version)],
        ["repository", goJsonString(d.repository ?? "")],
        ["condition", str(d.condition)],
        ["tags", list(d.tags, goJsonString)],
        ["enabled", d.enabled ? "true" : undefined],
        ["import-values", list(d["import-values"], goJsonValue)],
        ["alias", str(d.alias)],
    ]);
}

/**
 * The OCI config blob: json.Marshal(chart.Metadata) as Helm writes it, in Go field order
 * (helm pkg/chart/metadata.go) with omitempty, so the same chart gives the same bytes as `helm push`.
 */
export function chartConfigJson(metadata: ChartMetadata): Buffer {
    const json = goJsonStruct([
        ["name", str(metadata.name)],
        ["home", str(metadata.home)],
        ["sources", list(metadata.sources, goJsonString)],
        ["version", str(metadata.version)],
        ["description", str(metadata.description)],
        ["keywords", list(metadata.keywords, goJsonString)],
        ["maintainers", list(metadata.maintainers, maintainerJson)],
        ["icon", str(metadata.icon)],
        ["apiVersion", str(metadata.apiVersion || "v1")],
        ["condition", str(metadata.condition)],
        ["tags", str(metadata.tags)],
        ["appVersion", str(metadata.appVersion)],
        ["deprecated", metadata.deprecated ? "true" : undefined],
        ["annotations", map(metadata.annotations)],
        ["kubeVersion", str(metadata.kubeVersion)],
        ["dependencies", list(metadata.dependencies, dependencyJson)],
        ["type", str(metadata.type)],
    ]);
    return Buffer.from(json, "utf8");
}
