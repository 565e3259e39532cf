import { ChartError } from "./errors";
import { optionalString, optionalStringList } from "./goFields";
import { goScalarString } from "./goYamlScalars";
import type { YamlMap } from "./helmYaml";

/** One entry of Chart.yaml `dependencies` (requirements.yaml for apiVersion v1). */
export interface ChartDependency {
    name: string;
    version?: string;
    repository?: string;
    condition?: string;
    tags?: string[];
    enabled?: boolean;
    "import-values"?: unknown[];
    alias?: string;
}

const aliasPattern = /^[a-zA-Z0-9_-]+$/;

/** A dependency list (Chart.yaml `dependencies`, or a v1 chart's requirements.yaml) checked as Helm checks it. */
export function parseDependencyList(value: unknown, fileLabel: string): ChartDependency[] {
    if (!Array.isArray(value)) throw new ChartError(`${fileLabel}: dependencies must be a list.`, fileLabel);
    const seen = new Set<string>();
    return value.map((entry: unknown, index) => {
        const item = entry as YamlMap;
        if (!item || typeof item !== "object" || Array.isArray(item)) {
            throw new ChartError(`${fileLabel}: dependencies[${index}] is empty; remove it or give it a name and version.`, fileLabel);
        }
        const name = item.name === undefined || item.name === null ? "" : goScalarString(item.name);
        if (!name) {
            throw new ChartError(`${fileLabel}: dependencies[${index}] needs a name.`, fileLabel);
        }
        const alias = item.alias === undefined || item.alias === null ? undefined : goScalarString(item.alias);
        if (alias !== undefined && alias !== "" && !aliasPattern.test(alias)) {
            throw new ChartError(
                `${fileLabel}: dependencies[${index}].alias ${JSON.stringify(alias)} must match ${aliasPattern.source}; use letters, digits, '_' and '-'.`,
                fileLabel,
            );
        }
        const key = alias || name;
        if (seen.has(key)) {
            throw new ChartError(
                `${fileLabel}: dependency ${JSON.stringify(key)} appears twice; give one of them a distinct alias.`,
                fileLabel,
            );
        }
        seen.add(key);
        return dependencyFields(item, name, alias, `${fileLabel} dependencies[${index}]`);
    });
}

/** The fields of Helm's chart.Dependency, typed as Go reads them; other keys are dropped as Helm drops them. */
function dependencyFields(item: YamlMap, name: string, alias: string | undefined, fileLabel: string): ChartDependency {
    const dependency: ChartDependency = { name };
    for (const key of ["version", "repository", "condition"] as const) {
        const value = optionalString(item, key, fileLabel);
        if (value !== undefined) dependency[key] = value;
    }
    const tags = optionalStringList(item, "tags", fileLabel);
    if (tags !== undefined) dependency.tags = tags;
    if (item.enabled !== undefined && item.enabled !== null) {
        if (typeof item.enabled !== "boolean") throw new ChartError(`${fileLabel}: enabled must be true or false.`, fileLabel);
        dependency.enabled = item.enabled;
    }
    const importValues = item["import-values"];
    if (importValues !== undefined && importValues !== null) {
        if (!Array.isArray(importValues)) throw new ChartError(`${fileLabel}: import-values must be a list.`, fileLabel);
        dependency["import-values"] = importValues.map(plainJson);
    }
    if (alias) dependency.alias = alias;
    return dependency;
}

/** YAML values as JSON values: integers (bigint here) become numbers. */
function plainJson(value: unknown): unknown {
    if (typeof value === "bigint") return Number(value);
    if (Array.isArray(value)) return value.map(plainJson);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
    return value;
}
