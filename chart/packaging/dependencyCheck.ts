import { parseDependencyList } from "../model/chartDependencies";
import type { ChartDependency, ChartMetadata } from "../model/chartfile";
import { ChartError } from "../model/errors";
import { parseYamlMapping } from "../model/helmYaml";
import { ChartFile } from "../load/loader";

/** The dependencies of requirements.yaml, when the chart has one that lists them. */
export function requirementsDependencies(files: readonly ChartFile[], label: string): ChartDependency[] | undefined {
    const requirements = files.find((f) => f.path === "requirements.yaml");
    if (!requirements) return undefined;
    const fileLabel = `${label}/requirements.yaml`;
    const raw = parseYamlMapping(requirements.data.toString("utf8"), fileLabel, true);
    if (!("dependencies" in raw)) return undefined;
    return raw.dependencies === null ? [] : parseDependencyList(raw.dependencies, fileLabel);
}

/**
 * The dependencies `helm package` checks: Chart.yaml's, replaced by those of requirements.yaml when
 * it lists some (Helm's loader reads requirements.yaml into the chart metadata, whatever the apiVersion).
 */
export function declaredDependencies(metadata: ChartMetadata, requirements: ChartDependency[] | undefined): ChartDependency[] {
    return requirements ?? metadata.dependencies ?? [];
}

/**
 * Refuses a chart whose declared dependencies are not all in charts/ (as a directory or a .tgz), as
 * `helm package` does: a dependency counts as present when a subchart has its name (not its alias),
 * whether or not a condition or `enabled: false` turns it off. Only the chart being packaged is
 * checked, like Helm; `present` holds the names of the subcharts in its charts/.
 */
export function checkDependenciesPresent(declared: readonly ChartDependency[], present: ReadonlySet<string>, label: string): void {
    const missing = [...new Set(declared.filter((d) => !present.has(d.name)).map((d) => d.name))];
    if (missing.length === 0) return;
    const described = missing.map((name) => {
        const aliases = declared.filter((d) => d.name === name && d.alias).map((d) => d.alias);
        return aliases.length ? `${name} (alias ${aliases.join(", ")})` : name;
    });
    const plural = missing.length > 1;
    throw new ChartError(
        `${label}/Chart.yaml declares ${plural ? "dependencies" : "dependency"} ${described.join(", ")}, but charts/ does not contain ${plural ? "them" : "it"}; ` +
            `run "helm dependency build ${label}" to fetch ${plural ? "them" : "it"} into charts/, or remove ${plural ? "them" : "it"} from Chart.yaml. Nothing was published.`,
        `${label}/Chart.yaml`,
    );
}
