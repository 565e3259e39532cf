import type { ChartMetadata } from "../model/chartfile";
import { isHelmVersion } from "../model/helmVersion";
import { ArtifactProblem, quote } from "./artifactChecks";

/**
 * A chart name as it can appear in an OCI reference: lower-case letters, digits, '.', '_' and '-'
 * (Helm's chart-name characters, lower case because OCI repository names are), starting with a letter
 * or digit, so never '.', '..' or anything with a path separator.
 */
const OCI_CHART_NAME = /^[a-z0-9][a-z0-9._-]{0,127}$/;

const STRING_FIELDS = ["description", "home", "icon", "appVersion", "kubeVersion", "condition", "tags", "type"] as const;
const STRING_LIST_FIELDS = ["sources", "keywords"] as const;
const OBJECT_LIST_FIELDS = ["maintainers", "dependencies"] as const;

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

export interface ExpectedChart {
    /** the chart name the repository ends with */
    name: string;
    /** the version that was asked for */
    version: string;
}

/**
 * The chart config blob (Chart.yaml metadata as JSON), checked before it names a file or reaches the caller:
 * the name is a valid chart name equal to the repository's last path component, the version is a chart
 * version as Helm reads it (a leading "v" allowed) equal to the version asked for, and every other known field has the type Helm gives it.
 */
export function checkedChartConfig(config: unknown, expected: ExpectedChart): ChartMetadata {
    if (!isObject(config)) throw new ArtifactProblem("CONFIG_INVALID", "the chart config is not a JSON object.");
    const { name, version, apiVersion } = config;
    if (typeof name !== "string" || !OCI_CHART_NAME.test(name) || name.includes("..")) {
        throw new ArtifactProblem(
            "NAME_INVALID",
            `the chart config names the chart ${quote(name)}, which is not a valid chart name (lower-case letters, digits, '.', '_' and '-', no path separators).`,
        );
    }
    if (name !== expected.name) {
        throw new ArtifactProblem(
            "NAME_INVALID",
            `the chart config names the chart ${quote(name)}, but the repository is for chart "${expected.name}".`,
        );
    }
    if (typeof version !== "string" || !isHelmVersion(version)) {
        throw new ArtifactProblem("VERSION_INVALID", `the chart config has version ${quote(version)}, which is not a SemVer version.`);
    }
    if (version !== expected.version) {
        throw new ArtifactProblem(
            "VERSION_INVALID",
            `the chart config has version ${quote(version)}, but version "${expected.version}" was asked for.`,
        );
    }
    if (apiVersion !== undefined && apiVersion !== "v1" && apiVersion !== "v2") {
        throw new ArtifactProblem("CONFIG_INVALID", `the chart config has apiVersion ${quote(apiVersion)}; Helm charts use "v1" or "v2".`);
    }
    checkFieldTypes(config);
    return config as unknown as ChartMetadata;
}

function checkFieldTypes(config: Record<string, unknown>): void {
    const wrong = (field: string, want: string) =>
        new ArtifactProblem("CONFIG_INVALID", `the chart config field ${field} is ${quote(config[field])}, not ${want}.`);
    for (const field of STRING_FIELDS) {
        if (config[field] !== undefined && typeof config[field] !== "string") throw wrong(field, "a string");
    }
    for (const field of STRING_LIST_FIELDS) {
        const value = config[field];
        if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === "string")))
            throw wrong(field, "a list of strings");
    }
    for (const field of OBJECT_LIST_FIELDS) {
        const value = config[field];
        if (value !== undefined && !(Array.isArray(value) && value.every(isObject))) throw wrong(field, "a list of objects");
    }
    const annotations = config.annotations;
    if (annotations !== undefined && !(isObject(annotations) && Object.values(annotations).every((v) => typeof v === "string"))) {
        throw wrong("annotations", "a map of strings");
    }
    if (config.deprecated !== undefined && typeof config.deprecated !== "boolean") throw wrong("deprecated", "true or false");
}
