import * as fs from "fs";
import * as path from "path";
import { validateAksClusterArgs } from "../cluster/validate";
import { validateRepositoryName } from "../../chart/distribution/names";
import { validateAcrPushPrincipalArgs } from "../principal/validate";
import { validateContainerRegistryArgs } from "../registry/validate";
import { maxReleaseNameLength } from "../release/validate";
import { checkAll, ValidationError } from "../../chart/model/validation";
import { AcrHelmPlatformArgs, PlatformChartArgs, PlatformReleaseArgs, platformDefaults } from "./args";

const resourceGroupName = /^[-\w.()]{0,89}[-\w()]$/;
const azureLocation = /^[a-z0-9]+$/;
const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const podSecurityLevels = ["restricted", "baseline", "privileged"];

/**
 * Checks every argument of the platform and of the components it creates, so that bad input fails before
 * any resource is registered. Errors name the property path, e.g. `registry.sku`.
 */
export function validateAcrHelmPlatformArgs(args: AcrHelmPlatformArgs): void {
    if (!args || !args.registry) {
        throw new ValidationError("registry", "registry is required: pass at least { registryName: '<5-50 letters and digits>' }");
    }
    checkAll([
        () => validatePlacement(args),
        within("registry", () => validateContainerRegistryArgs({ ...args.registry, resourceGroupName: "", location: args.location })),
        within("cluster", () => validateAksClusterArgs({ ...args.cluster, resourceGroupName: "" })),
        // The registry id is known only once the registry exists; the principal's own check skips non-string ids.
        // The platform always gives its principal a client secret (it publishes with it).
        within("principal", () =>
            validateAcrPushPrincipalArgs({ ...args.principal, registryId: Promise.resolve(""), createClientSecret: true }),
        ),
        () => validateChart(args.chart ?? {}),
        () => validateRelease(args.release ?? {}),
    ]);
}

function validatePlacement(args: AcrHelmPlatformArgs): void {
    const group = args.resourceGroupName;
    if (group !== undefined && !resourceGroupName.test(group)) {
        throw new ValidationError(
            "resourceGroupName",
            "resourceGroupName must name an existing resource group: 1-90 letters, digits, '_', '-', '.', '(' or ')', " +
                `not ending with '.' (got '${group}'); omit it to create a new group`,
        );
    }
    if (args.location !== undefined && !azureLocation.test(args.location)) {
        throw new ValidationError("location", `location must be an Azure region name such as 'westeurope' (got '${args.location}')`);
    }
    for (const [key, value] of Object.entries(args.tags ?? {})) {
        if (typeof value !== "string") {
            throw new ValidationError("tags", `tags must map names to strings; the value of '${key}' is a ${typeof value}`);
        }
    }
}

function validateChart(chart: PlatformChartArgs): void {
    if (chart.chartPath !== undefined) validateChartPath(chart.chartPath);
    if (chart.namespace !== undefined && chart.repository !== undefined && chart.namespace !== chart.repository) {
        throw new ValidationError(
            "chart.namespace",
            `chart.namespace '${chart.namespace}' and its deprecated name chart.repository '${chart.repository}' disagree; set only chart.namespace`,
        );
    }
    const property = chart.namespace === undefined && chart.repository !== undefined ? "chart.repository" : "chart.namespace";
    try {
        validateRepositoryName(chart.namespace ?? chart.repository ?? platformDefaults.chartNamespace);
    } catch (error) {
        throw new ValidationError(property, `${property}: ${(error as Error).message}`);
    }
}

function validateChartPath(chartPath: string): void {
    const resolved = path.resolve(chartPath);
    const isDirectory = fs.existsSync(resolved) && fs.statSync(resolved).isDirectory();
    if (isDirectory && fs.existsSync(path.join(resolved, "Chart.yaml"))) return;
    if (!isDirectory && /\.tgz$/.test(resolved) && fs.existsSync(resolved)) return;
    throw new ValidationError(
        "chart.chartPath",
        `chart.chartPath must be a chart directory containing Chart.yaml or a packaged .tgz (got '${chartPath}', ` +
            `resolved to '${resolved}'); omit it to publish the demo chart`,
    );
}

function validateRelease(release: PlatformReleaseArgs): void {
    checkAll([() => validateReleaseNames(release), () => validateReleaseOptions(release), () => validateValues(release)]);
}

function validateReleaseNames(release: PlatformReleaseArgs): void {
    const namespace = release.namespace ?? platformDefaults.namespace;
    if (!dnsLabel.test(namespace) || namespace.length > 63) {
        throw new ValidationError(
            "release.namespace",
            `release.namespace must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending with a letter or digit (got '${namespace}')`,
        );
    }
    const releaseName = release.releaseName ?? platformDefaults.releaseName;
    if (!dnsLabel.test(releaseName) || releaseName.length > maxReleaseNameLength) {
        throw new ValidationError(
            "release.releaseName",
            `release.releaseName must be a DNS label of at most ${maxReleaseNameLength} characters: lowercase letters, digits and '-' (got '${releaseName}')`,
        );
    }
}

function validateReleaseOptions(release: PlatformReleaseArgs): void {
    if (release.podSecurity !== undefined && !podSecurityLevels.includes(release.podSecurity)) {
        throw new ValidationError(
            "release.podSecurity",
            `release.podSecurity must be one of ${podSecurityLevels.join(", ")} (got '${release.podSecurity}')`,
        );
    }
    if (release.timeout !== undefined && !(Number.isInteger(release.timeout) && release.timeout > 0)) {
        throw new ValidationError("release.timeout", `release.timeout must be a positive whole number of seconds (got ${release.timeout})`);
    }
}

function validateValues(release: PlatformReleaseArgs): void {
    const values = release.values;
    if (values === undefined) return;
    if (values === null || typeof values !== "object" || Array.isArray(values)) {
        throw new ValidationError("release.values", "release.values must be an object of chart values, e.g. { replicaCount: 2 }");
    }
    const image = values.image as Record<string, unknown> | undefined;
    if (release.imageFromRegistry && image && typeof image === "object" && image.registry !== undefined) {
        throw new ValidationError(
            "release.imageFromRegistry",
            "release.imageFromRegistry sets image.registry to the login server, but release.values.image.registry is also set; keep only one",
        );
    }
}

/** A child component's validation, its failures named under the platform's argument group. */
function within(group: string, validate: () => void): () => void {
    return () => {
        try {
            validate();
        } catch (error) {
            throw error instanceof ValidationError ? error.within(group) : error;
        }
    };
}
