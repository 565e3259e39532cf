import * as semver from "semver";
import { parseDocument } from "yaml";
import { ChartError } from "./errors";

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

/** Parses YAML text into a mapping; `what` names the file in errors. Strips a UTF-8 BOM as Helm does. */
export function parseYamlMapping(text: string, fileLabel: string, allowEmpty: boolean): YamlMap {
    const doc = parseDocument(text.replace(/^\uFEFF/, ""), { uniqueKeys: true });
    const problem = doc.errors[0];
    if (problem) {
        const line = problem.linePos?.[0].line;
        const where = line === undefined ? "" : ` at line ${line}`;
        throw new ChartError(`${fileLabel} is not valid YAML${where}: ${problem.message.split("\n")[0].replace(/:$/, "")}. Fix the YAML syntax.`, fileLabel);
    }
    const value: unknown = doc.toJS();
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
 * Parses and validates Chart.yaml the way `helm lint` does (strict where Helm lint is strict):
 * apiVersion v1/v2, a valid name, a strict SemVer 2 version, string appVersion, named maintainers,
 * `type` and `dependencies` only in v2. Throws ChartError naming `fileLabel` and the fix.
 */
export function parseChartYaml(text: string, fileLabel: string): ChartMetadata {
    const raw = parseYamlMapping(text, fileLabel, false);
    const apiVersion = requireApiVersion(raw, fileLabel);
    const metadata: ChartMetadata = {
        apiVersion,
        name: requireName(raw, fileLabel),
        version: requireVersion(raw, fileLabel, text),
    };
    for (const field of optionalStringFields) {
        const value = optionalString(raw, field, fileLabel);
        if (value !== undefined) metadata[field] = value;
    }
    const appVersionFix = `quote it, e.g. appVersion: "${topLevelScalarSource(text, "appVersion") ?? "1.0"}"`;
    assignIfDefined(metadata, "appVersion", optionalString(raw, "appVersion", fileLabel, appVersionFix));
    assignIfDefined(metadata, "type", chartType(raw, apiVersion, fileLabel));
    assignIfDefined(metadata, "sources", optionalStringList(raw, "sources", fileLabel));
    assignIfDefined(metadata, "keywords", optionalStringList(raw, "keywords", fileLabel));
    assignIfDefined(metadata, "maintainers", maintainers(raw, fileLabel));
    assignIfDefined(metadata, "annotations", annotations(raw, fileLabel));
    assignIfDefined(metadata, "dependencies", dependencies(raw, apiVersion, fileLabel));
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

function requireApiVersion(raw: YamlMap, fileLabel: string): "v1" | "v2" {
    const value = raw.apiVersion;
    if (value === undefined || value === null || value === "") {
        throw new ChartError(`${fileLabel}: apiVersion is required; add "apiVersion: v2" (Helm 3 charts).`, fileLabel);
    }
    if (value !== "v1" && value !== "v2") {
        throw new ChartError(`${fileLabel}: apiVersion ${JSON.stringify(value)} is not supported; use "v2" (or "v1" for legacy charts).`, fileLabel);
    }
    return value;
}

function requireName(raw: YamlMap, fileLabel: string): string {
    const name = raw.name;
    if (name === undefined || name === null || name === "") {
        throw new ChartError(`${fileLabel}: name is required; add "name: <chart-name>".`, fileLabel);
    }
    if (typeof name !== "string" || !chartNamePattern.test(name) || name === "." || name === "..") {
        throw new ChartError(
            `${fileLabel}: chart name ${JSON.stringify(name)} is invalid; use only letters, digits, '.', '_' and '-' (e.g. "my-chart").`,
            fileLabel,
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

function requireVersion(raw: YamlMap, fileLabel: string, text: string): string {
    const version = raw.version;
    if (version === undefined || version === null || version === "") {
        throw new ChartError(`${fileLabel}: version is required; add a SemVer 2 version such as "version: 0.1.0".`, fileLabel);
    }
    if (typeof version !== "string") {
        const written = topLevelScalarSource(text, "version") ?? String(version);
        throw new ChartError(`${fileLabel}: version ${written} must be a string; quote it, e.g. version: "${written}".`, fileLabel);
    }
    if (!isStrictSemver(version)) {
        throw new ChartError(
            `${fileLabel}: version ${JSON.stringify(version)} is not strict SemVer 2; use MAJOR.MINOR.PATCH[-prerelease][+build] without a leading "v", e.g. "1.2.3".`,
            fileLabel,
        );
    }
    return version;
}

function optionalString(raw: YamlMap, key: string, fileLabel: string, fix = "quote the value"): string | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (typeof value !== "string") {
        throw new ChartError(`${fileLabel}: ${key} must be a string; ${fix}.`, fileLabel);
    }
    return value;
}

function optionalStringList(raw: YamlMap, key: string, fileLabel: string): string[] | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value) || value.some((item) => typeof item !== "string")) {
        throw new ChartError(`${fileLabel}: ${key} must be a list of strings.`, fileLabel);
    }
    return value as string[];
}

function chartType(raw: YamlMap, apiVersion: string, fileLabel: string): "application" | "library" | undefined {
    const value = optionalString(raw, "type", fileLabel);
    if (value === undefined || value === "") return undefined;
    if (value !== "application" && value !== "library") {
        throw new ChartError(`${fileLabel}: type ${JSON.stringify(value)} is invalid; use "application" or "library".`, fileLabel);
    }
    if (apiVersion !== "v2") {
        throw new ChartError(`${fileLabel}: type is only allowed with apiVersion v2; change apiVersion to v2.`, fileLabel);
    }
    return value;
}

function maintainers(raw: YamlMap, fileLabel: string): ChartMaintainer[] | undefined {
    const value = raw.maintainers;
    if (value === undefined || value === null) return undefined;
    if (!Array.isArray(value)) throw new ChartError(`${fileLabel}: maintainers must be a list.`, fileLabel);
    return value.map((entry: unknown, index) => {
        const item = (entry ?? {}) as YamlMap;
        if (typeof item !== "object" || typeof item.name !== "string" || item.name.trim() === "") {
            throw new ChartError(`${fileLabel}: maintainers[${index}] needs a name; add "name: <maintainer name>".`, fileLabel);
        }
        const maintainer: ChartMaintainer = { name: item.name };
        for (const key of ["email", "url"] as const) {
            const field = optionalString(item, key, `${fileLabel} maintainers[${index}]`);
            if (field !== undefined) maintainer[key] = field;
        }
        return maintainer;
    });
}

function annotations(raw: YamlMap, fileLabel: string): Record<string, string> | undefined {
    const value = raw.annotations;
    if (value === undefined || value === null) return undefined;
    const entries = typeof value === "object" && !Array.isArray(value) ? Object.entries(value as YamlMap) : undefined;
    if (!entries || entries.some(([, v]) => typeof v !== "string")) {
        throw new ChartError(`${fileLabel}: annotations must map names to string values; quote non-string values.`, fileLabel);
    }
    return Object.fromEntries(entries) as Record<string, string>;
}

function dependencies(raw: YamlMap, apiVersion: string, fileLabel: string): ChartDependency[] | undefined {
    const value = raw.dependencies;
    if (value === undefined || value === null) return undefined;
    if (apiVersion !== "v2") {
        throw new ChartError(`${fileLabel}: dependencies are only allowed with apiVersion v2 (v1 charts use requirements.yaml); change apiVersion to v2.`, fileLabel);
    }
    if (!Array.isArray(value)) throw new ChartError(`${fileLabel}: dependencies must be a list.`, fileLabel);
    const seen = new Set<string>();
    return value.map((entry: unknown, index) => {
        const item = entry as YamlMap;
        if (!item || typeof item !== "object" || typeof item.name !== "string" || item.name === "") {
            throw new ChartError(`${fileLabel}: dependencies[${index}] needs a name.`, fileLabel);
        }
        if (item.alias !== undefined && (typeof item.alias !== "string" || !aliasPattern.test(item.alias))) {
            throw new ChartError(`${fileLabel}: dependencies[${index}].alias must match ${aliasPattern.source}.`, fileLabel);
        }
        const key = (item.alias as string | undefined) ?? item.name;
        if (seen.has(key)) {
            throw new ChartError(`${fileLabel}: dependency ${JSON.stringify(key)} appears twice; give one of them a distinct alias.`, fileLabel);
        }
        seen.add(key);
        return item as unknown as ChartDependency;
    });
}
