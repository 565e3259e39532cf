import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { Contract } from "../../provider/contract/contract";
import type { PropertyMap } from "./propertyMap";
import { repoRoot } from "./paths";

/** True for a value the engine reported as unknown (computed later), in either of its wire forms. */
export function isUnknown(value: unknown): boolean {
    return (
        value === pulumi.runtime.unknownValue ||
        (typeof value === "object" && value !== null && (value as Record<string, unknown>).__pulumiUnknown === true)
    );
}

/**
 * What the chart download provider reports after a verified pull: the manifest digest (the expected one when
 * given, as a pull that passed verification found exactly that; otherwise a stable stand-in derived from the
 * ref and version) and the .tgz's path relative to the program's directory. Nothing while the ref or the
 * version is unknown (a first preview): the provider fetches nothing then, and the outputs stay unknown.
 */
export function mockChartDownload(inputs: PropertyMap): { id: string; state: PropertyMap } {
    const { chart, version, expectedDigest } = inputs;
    if (typeof chart !== "string" || typeof version !== "string" || isUnknown(chart) || isUnknown(version) || isUnknown(expectedDigest)) {
        return { id: "", state: {} };
    }
    const digest =
        typeof expectedDigest === "string" && expectedDigest !== ""
            ? expectedDigest
            : `sha256:${crypto.createHash("sha256").update(`${chart}:${version}`).digest("hex")}`;
    return { id: digest, state: { digest, path: mockChartPath(chart, version, digest) } };
}

/** `.pulumi-acr-helm/charts/sha256-<hex>/<name>-<version>.tgz`, where the download provider keeps a chart. */
export function mockChartPath(chart: string, version: string, digest: string): string {
    return `.pulumi-acr-helm/charts/${digest.replace(":", "-")}/${chart.slice(chart.lastIndexOf("/") + 1)}-${version}.tgz`;
}

/**
 * What the chart publishing provider reports after a push, derived from the chart directory on disk: name
 * and version from its Chart.yaml, digests and size from its files (the mock does not package the chart, so
 * the digests are stable stand-ins, not the ones a real push would report).
 */
export function mockChartArtifact(registered: PropertyMap): { id: string; state: PropertyMap } {
    const inputs = checkedAsThePluginDoes("acr-helm:index:ChartPublication", registered);
    const chartDir = path.resolve(String(inputs.chartPath));
    const chart = YAML.parse(fs.readFileSync(path.join(chartDir, "Chart.yaml"), "utf8")) as { name: string; version: string };
    const repositoryPath = `${String(inputs.namespace)}/${chart.name}`;
    const tag = chart.version.replace(/\+/g, "_");
    const files = chartFiles(chartDir);
    const chartHash = crypto.createHash("sha256");
    for (const file of files) chartHash.update(file).update(fs.readFileSync(path.join(chartDir, file)));
    const chartDigest = `sha256:${chartHash.digest("hex")}`;
    const digest = `sha256:${crypto.createHash("sha256").update(`${repositoryPath}:${tag}@${chartDigest}`).digest("hex")}`;
    const size = files.reduce((total, file) => total + fs.statSync(path.join(chartDir, file)).size, 0);
    return {
        id: `${inputs.loginServer}/${repositoryPath}:${tag}`,
        state: {
            ref: `oci://${inputs.loginServer}/${repositoryPath}`,
            name: chart.name,
            version: chart.version,
            tag,
            digest,
            chartDigest,
            size,
            repository: inputs.namespace,
        },
    };
}

let contract: Contract | undefined;

/** The inputs as the plugin's check decodes them against the schema (defaults, former names); refused ones throw. */
export function checkedAsThePluginDoes(token: string, registered: PropertyMap): PropertyMap {
    contract ??= new Contract(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8"));
    const { inputs, failures } = contract.decode(token, registered);
    if (failures.length > 0) throw new Error(failures.map(({ property, reason }) => `${property}: ${reason}`).join("\n"));
    return inputs;
}

/** Relative paths of every file under `dir`, sorted. */
function chartFiles(dir: string, prefix = ""): string[] {
    return fs
        .readdirSync(path.join(dir, prefix), { withFileTypes: true })
        .flatMap((entry) => {
            const relative = path.join(prefix, entry.name);
            return entry.isDirectory() ? chartFiles(dir, relative) : [relative];
        })
        .sort();
}
