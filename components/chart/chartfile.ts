import * as semver from "semver";
import { parseAllDocuments, parseDocument } from "yaml";
import { ChartError } from "./errors";
import { goScalarString } from "./goYamlScalars";
import { isHelmVersion } from "./helmVersion";

export interface ChartMaintainer {
    name: string;
    email?: string;
    url?: string;
}

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

type YamlMap = Record<string, unknown>;

const chartNamePattern = /^[a-zA-Z0-9._-]+$/;
const aliasPattern = /^[a-zA-Z0-9_-]+$/;
const optionalStringFields = ["description", "home", "icon", "kubeVersion", "condition", "tags"] as const;

/**
 * How Helm's YAML reader (go-yaml v2 under sigs.k8s.io/yaml) reads scalars: YAML 1.1 (`yes` is true,
 * `017` is octal), integers apart from floats, and a repeated key silently replacing the earlier one.
 */
const helmYamlOptions = { version: "1.1", intAsBigInt: true, uniqueKeys: false } as const;

function duplicateKeyWarning(text: string, fileLabel: string): string | undefined {
    const problem = parseDocument(text, { version: "1.1", uniqueKeys: true }).errors.find((e) => e.code === "DUPLICATE_KEY");
    if (!problem) return undefined;
    return `${fileLabel} line ${problem.linePos?.[0].line ?? "?"} repeats a key; Helm keeps the last value. Remove the duplicate.`;
}

function syntaxError(problem: { message: string; linePos?: [{ line: number }, ...unknown[]] }, fileLabel: string): ChartError {
    const line = problem.linePos?.[0].line;
    const where = line === undefined ? "" : ` at line ${line}`;
    return new ChartError(`${fileLabel} is not valid YAML${where}: ${problem.message.split("\n")[0].replace(/:$/, "")}. Fix the YAML syntax.`, fileLabel);
}

function asMapping(value: unknown, fileLabel: string, allowEmpty: boolean): YamlMap {
    if (value === null || value === undefined) {
        if (allowEmpty) return {};
        throw new ChartError(`${fileLabel} is empty; it must be a YAML mapping with at least apiVersion, name and version.`, fileLabel);
    }
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new ChartError(`${fileLabel} must be a YAML mapping (key: value pairs), not a ${Array.isArray(value) ? "list" : typeof value}.`, fileLabel);
    }
    return value as YamlMap;
}

/**
 * Parses YAML text into a mapping; `fileLabel` names the file in errors. Strips a UTF-8 BOM as Helm
 * does. A repeated key is read as Helm reads it (the last one wins) and reported in `warnings`.
 */
export function parseYamlMapping(text: string, fileLabel: string, allowEmpty: boolean, warnings: string[] = []): YamlMap {
    const source = text.replace(/^\uFEFF/, "");
    const doc = parseDocument(source, helmYamlOptions);
    const problem = doc.errors[0];
    if (problem) throw syntaxError(problem, fileLabel);
    const duplicate = duplicateKeyWarning(source, fileLabel);
    if (duplicate) warnings.push(duplicate);
    return asMapping(doc.toJS(), fileLabel, allowEmpty);
}

/**
 * values.yaml may hold several YAML documents: Helm 3 reads the first, Helm 4 merges them all. Each
 * must be a mapping (or empty), as both require.
 */
export function checkValuesYaml(text: string, fileLabel: string, warnings: string[]): void {
    const source = text.replace(/^\uFEFF/, "");
    const docs = parseAllDocuments(source, helmYamlOptions);
    if (!Array.isArray(docs)) throw new ChartError(`${fileLabel} is not valid YAML. Fix the YAML syntax.`, fileLabel);
    for (const doc of docs) {
        const problem = doc.errors[0];
        if (problem) throw syntaxError(problem, fileLabel);
        asMapping(doc.toJS(), fileLabel, true);
    }
    if (docs.length > 1) warnings.push(`${fileLabel} holds ${docs.length} YAML documents: Helm 3 reads only the first, Helm 4 merges them. Keep one document.`);
    const duplicate = docs.length === 1 ? duplicateKeyWarning(source, fileLabel) : undefined;
    if (duplicate) warnings.push(duplicate);
}

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
        warnings.push(`${fileLabel}: chart name ${JSON.stringify(name)} is not lower-case letters, digits, '.', '_' and '-', so it cannot name an OCI repository; rename the chart to push it to a registry.`);
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
        warnings.push(`${fileLabel}: version ${written} is not a string, so Helm reads it as "${version}"; quote it, e.g. version: "${written}".`);
    } else if (!isStrictSemver(version)) {
        warnings.push(
            `${fileLabel}: version "${version}" is not strict SemVer 2: it is published under the tag "${version}" as Helm does, ` +
                "but Helm lists only strict SemVer tags, so only an exact --version finds it; prefer MAJOR.MINOR.PATCH without a leading \"v\".",
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
        warnings.push(`${fileLabel}: appVersion ${written} is not a string, so Helm reads it as "${converted}"; quote it, e.g. appVersion: "${written}".`);
    }
    return converted;
}

/** A field Go reads into a string: numbers and booleans become their text, as sigs.k8s.io/yaml does. */
function optionalString(raw: YamlMap, key: string, fileLabel: string): string | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    const converted = goScalarString(value);
    if (converted === undefined) throw new ChartError(`${fileLabel}: ${key} must be a string, not a ${Array.isArray(value) ? "list" : "mapping"}.`, fileLabel);
    return converted;
}

function optionalStringList(raw: YamlMap, key: string, fileLabel: string): string[] | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value.map((item) => (item === null ? "" : goScalarString(item))) : undefined;
    if (!items || items.some((item) => item === undefined)) {
        throw new ChartError(`${fileLabel}: ${key} must be a list of strings.`, fileLabel);
    }
    return items as string[];
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
            throw new ChartError(`${fileLabel}: maintainers[${index}] must be a mapping with name, email and url; remove the empty entry.`, fileLabel);
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
        warnings.push(`${fileLabel}: dependencies in Chart.yaml are meant for apiVersion v2 charts (helm lint complains); change apiVersion to v2.`);
    }
    return parseDependencyList(value, fileLabel);
}

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
            throw new ChartError(`${fileLabel}: dependencies[${index}].alias ${JSON.stringify(alias)} must match ${aliasPattern.source}; use letters, digits, '_' and '-'.`, fileLabel);
        }
        const key = alias || name;
        if (seen.has(key)) {
            throw new ChartError(`${fileLabel}: dependency ${JSON.stringify(key)} appears twice; give one of them a distinct alias.`, fileLabel);
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
    assignIfDefinedDependency(dependency, "tags", optionalStringList(item, "tags", fileLabel));
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

function assignIfDefinedDependency<K extends keyof ChartDependency>(target: ChartDependency, key: K, value: ChartDependency[K] | undefined): void {
    if (value !== undefined) target[key] = value;
}

/** YAML values as JSON values: integers (bigint here) become numbers. */
function plainJson(value: unknown): unknown {
    if (typeof value === "bigint") return Number(value);
    if (Array.isArray(value)) return value.map(plainJson);
    if (value !== null && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, plainJson(v)]));
    return value;
}
