import * as semver from "semver";
import { ChartDependency, parseDependencyList } from "./chartDependencies";
import { ChartError } from "./errors";
import { optionalString, optionalStringList } from "./goFields";
import { goScalarString } from "./goYamlScalars";
import { isHelmVersion } from "./helmVersion";
import { parseYamlMapping, YamlMap } from "./helmYaml";

export type { ChartDependency } from "./chartDependencies";

export interface ChartMaintainer {
    /** Helm packages a chart whose maintainer has no name (helm lint complains) */
    name?: string;
    email?: string;
    url?: string;
}

export interface ChartMetadata {
    apiVersion: "v1" | "v2";
    name: string;
    version: string;
    description?: string;
    appVersion?: string;
    type?: "application" | "library";
    home?: string;
    sources?: string[];
    keywords?: string[];
    maintainers?: ChartMaintainer[];
    icon?: string;
    annotations?: Record<string, string>;
    kubeVersion?: string;
    deprecated?: boolean;
    dependencies?: ChartDependency[];
    condition?: string;
    tags?: string;
}

const chartNamePattern = /^[a-zA-Z0-9._-]+$/;
const optionalStringFields = ["description", "home", "icon", "kubeVersion", "condition", "tags"] as const;

/**
 * Parses and validates Chart.yaml with the verdicts of `helm package` (Helm 3 and Helm 4): what Helm
 * refuses throws ChartError naming `fileLabel` and the fix; what Helm packages although `helm lint`
 * complains (a leading "v" or missing parts in the version, no apiVersion, `type` or `dependencies`
 * in a v1 chart, a number where a string belongs, a maintainer without a name) is read the way Helm
 * reads it and reported in `warnings`.
 */
export function parseChartYaml(text: string, fileLabel: string, warnings: string[] = []): ChartMetadata {
    const raw = parseYamlMapping(text, fileLabel, false, warnings);
    const apiVersion = requireApiVersion(raw, fileLabel, warnings);
    const metadata: ChartMetadata = {
        apiVersion,
        name: requireName(raw, fileLabel, warnings),
        version: requireVersion(raw, fileLabel, text, warnings),
    };
    for (const field of optionalStringFields) {
        const value = optionalString(raw, field, fileLabel);
        if (value !== undefined) metadata[field] = value;
    }
    assignIfDefined(metadata, "appVersion", appVersion(raw, fileLabel, text, warnings));
    assignIfDefined(metadata, "type", chartType(raw, apiVersion, fileLabel, warnings));
    assignIfDefined(metadata, "sources", optionalStringList(raw, "sources", fileLabel));
    assignIfDefined(metadata, "keywords", optionalStringList(raw, "keywords", fileLabel));
    assignIfDefined(metadata, "maintainers", maintainers(raw, fileLabel, warnings));
    assignIfDefined(metadata, "annotations", annotations(raw, fileLabel));
    assignIfDefined(metadata, "dependencies", dependencies(raw, apiVersion, fileLabel, warnings));
    if (raw.deprecated !== undefined && raw.deprecated !== null) {
        if (typeof raw.deprecated !== "boolean") {
            throw new ChartError(`${fileLabel}: deprecated must be true or false.`, fileLabel);
        }
        metadata.deprecated = raw.deprecated;
    }
    return metadata;
}

function assignIfDefined<K extends keyof ChartMetadata>(target: ChartMetadata, key: K, value: ChartMetadata[K] | undefined): void {
    if (value !== undefined) target[key] = value;
}

function requireApiVersion(raw: YamlMap, fileLabel: string, warnings: string[]): "v1" | "v2" {
    const value = raw.apiVersion;
    if (value === undefined || value === null || value === "") {
        // Helm 2 charts had no apiVersion; Helm 3 and 4 read them as v1.
        warnings.push(`${fileLabel}: apiVersion is missing, so Helm reads the chart as apiVersion v1; add "apiVersion: v2".`);
        return "v1";
    }
    if (value !== "v1" && value !== "v2") {
        throw new ChartError(
            `${fileLabel}: apiVersion ${JSON.stringify(value)} is not supported; Helm 4 packages and installs only "v2" (and legacy "v1") charts. Use "apiVersion: v2".`,
            fileLabel,
        );
    }
    return value;
}

/** Helm's rule (chart.Metadata.Validate): any name but "", ".", ".." or one holding a path separator. */
function requireName(raw: YamlMap, fileLabel: string, warnings: string[]): string {
    const name = raw.name === null || raw.name === undefined ? "" : goScalarString(raw.name);
    if (name === "") {
        throw new ChartError(`${fileLabel}: name is required; add "name: <chart-name>".`, fileLabel);
    }
    if (name === undefined || name === "." || name === ".." || /[/\\]/.test(name)) {
        throw new ChartError(
            `${fileLabel}: chart name ${JSON.stringify(name ?? raw.name)} is invalid; use only letters, digits, '.', '_' and '-' (e.g. "my-chart").`,
            fileLabel,
        );
    }
    if (!chartNamePattern.test(name) || name !== name.toLowerCase()) {
        warnings.push(
            `${fileLabel}: chart name ${JSON.stringify(name)} is not lower-case letters, digits, '.', '_' and '-', so it cannot name an OCI repository; rename the chart to push it to a registry.`,
        );
    }
    return name;
}

/** Strict SemVer 2 only: Helm's OCI tag listing drops tags that are not strict SemVer. */
export function isStrictSemver(version: string): boolean {
    return /^[0-9]/.test(version) && version === version.trim() && semver.valid(version, { loose: false }) !== null;
}

/** The unparsed text of a top-level `key: value` line, so fixes quote what the user wrote (1.10, not 1.1). */
function topLevelScalarSource(text: string, key: string): string | undefined {
    const match = new RegExp(`^${key}:[ \\t]*([^#\\r\\n]*?)[ \\t]*(#.*)?$`, "m").exec(text);
    return match?.[1] || undefined;
}

function requireVersion(raw: YamlMap, fileLabel: string, text: string, warnings: string[]): string {
    const value = raw.version;
    if (value === undefined || value === null || value === "") {
        throw new ChartError(`${fileLabel}: version is required; add a SemVer 2 version such as "version: 0.1.0".`, fileLabel);
    }
    const version = goScalarString(value);
    const written = topLevelScalarSource(text, "version") ?? String(value);
    if (version === undefined) {
        throw new ChartError(`${fileLabel}: version must be a string such as "0.1.0".`, fileLabel);
    }
    if (!isHelmVersion(version)) {
        throw new ChartError(
            `${fileLabel}: version ${JSON.stringify(version)} is not a SemVer version; use MAJOR.MINOR.PATCH[-prerelease][+build], e.g. "1.2.3".`,
            fileLabel,
        );
    }
    if (typeof value !== "string") {
        warnings.push(
            `${fileLabel}: version ${written} is not a string, so Helm reads it as "${version}"; quote it, e.g. version: "${written}".`,
        );
    } else if (!isStrictSemver(version)) {
        warnings.push(
            `${fileLabel}: version "${version}" is not strict SemVer 2: it is published under the tag "${version}" as Helm does, ` +
                'but Helm lists only strict SemVer tags, so only an exact --version finds it; prefer MAJOR.MINOR.PATCH without a leading "v".',
        );
    }
    return version;
}

function appVersion(raw: YamlMap, fileLabel: string, text: string, warnings: string[]): string | undefined {
    const value = raw.appVersion;
    if (value === undefined || value === null) return undefined;
    const converted = goScalarString(value);
    if (converted === undefined) throw new ChartError(`${fileLabel}: appVersion must be a string.`, fileLabel);
    if (typeof value !== "string") {
        const written = topLevelScalarSource(text, "appVersion") ?? converted;
        warnings.push(
            `${fileLabel}: appVersion ${written} is not a string, so Helm reads it as "${converted}"; quote it, e.g. appVersion: "${written}".`,
        );
    }
    return converted;
}

function chartType(raw: YamlMap, apiVersion: string, fileLabel: string, warnings: string[]): "application" | "library" | undefined {
    const value = optionalString(raw, "type", fileLabel);
    if (value === undefined || value === "") return undefined;
    if (value !== "application" && value !== "library") {
        throw new ChartError(`${fileLabel}: type ${JSON.stringify(value)} is invalid; use "application" or "library".`, fileLabel);
    }
    if (apiVersion !== "v2") {
        warnings.push(`${fileLabel}: type is meant for apiVersion v2 charts (helm lint complains); change apiVersion to v2.`);
    }
    return value;
}

function maintainers(raw: YamlMap, fileLabel: string, warnings: string[]): ChartMaintainer[] | undefined {
    const value = raw.maintainers;
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw new ChartError(`${fileLabel}: maintainers must be a list.`, fileLabel);
    return value.map((entry: unknown, index) => {
        if (entry === null || typeof entry !== "object" || Array.isArray(entry)) {
            throw new ChartError(
                `${fileLabel}: maintainers[${index}] must be a mapping with name, email and url; remove the empty entry.`,
                fileLabel,
            );
        }
        const item = entry as YamlMap;
        const maintainer = {} as ChartMaintainer;
        for (const key of ["name", "email", "url"] as const) {
            const field = optionalString(item, key, `${fileLabel} maintainers[${index}]`);
            if (field !== undefined) maintainer[key] = field;
        }
        if (!maintainer.name?.trim()) {
            warnings.push(`${fileLabel}: maintainers[${index}] has no name (helm lint complains); add "name: <maintainer name>".`);
        }
        return maintainer;
    });
}

function annotations(raw: YamlMap, fileLabel: string): Record<string, string> | undefined {
    const value = raw.annotations;
    if (value === undefined || value === null) return undefined;
    const entries = typeof value === "object" && !Array.isArray(value) ? Object.entries(value as YamlMap) : undefined;
    const converted = entries?.map(([k, v]) => [k, v === null ? "" : goScalarString(v)] as const);
    if (!converted || converted.some(([, v]) => v === undefined)) {
        throw new ChartError(`${fileLabel}: annotations must map names to text; write lists and mappings as a quoted string.`, fileLabel);
    }
    return Object.fromEntries(converted) as Record<string, string>;
}

function dependencies(raw: YamlMap, apiVersion: string, fileLabel: string, warnings: string[]): ChartDependency[] | undefined {
    const value = raw.dependencies;
    if (value === undefined || value === null) return undefined;
    if (apiVersion !== "v2" && Array.isArray(value) && value.length > 0) {
        warnings.push(
            `${fileLabel}: dependencies in Chart.yaml are meant for apiVersion v2 charts (helm lint complains); change apiVersion to v2.`,
        );
    }
    return parseDependencyList(value, fileLabel);
}
