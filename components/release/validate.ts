import * as pulumi from "@pulumi/pulumi";
import { isHelmVersion } from "../../chart/model/helmVersion";
import { checkAll, ValidationError } from "../../chart/model/validation";
import {
    BasicChartRegistryCredentials,
    ChartReleaseArgs,
    PodSecurityLevel,
    resolveChartReleaseArgs,
    ResolvedChartReleaseArgs,
} from "./args";
import { kubernetesSdk } from "./kubernetesSdk";

const dnsLabel = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** OCI distribution repository path component: lowercase alphanumerics joined by `.`, `_`, `__` or dashes. */
const repositoryComponent = "[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*";
const ociChartRef = new RegExp(`^oci://([a-zA-Z0-9.-]+(?::[0-9]+)?)/(${repositoryComponent}(?:/${repositoryComponent})*)$`);
const podSecurityLevels: readonly PodSecurityLevel[] = ["restricted", "baseline", "privileged"];

/** Helm's limit: release names end up in labels and object names with suffixes appended. */
export const maxReleaseNameLength = 53;

/** Throws unless `ref` is `oci://<registry>/<repository>` with a lowercase repository path. */
export function validateChartRef(ref: string): void {
    if (!ociChartRef.test(ref)) {
        throw new ValidationError(
            "chart",
            `chart must be an OCI reference 'oci://<registry>/<repository>' with a lowercase repository path, ` +
                `e.g. 'oci://myregistry.azurecr.io/helm/hello-acr' (got '${ref}')`,
        );
    }
}

/**
 * Throws unless `version` is one exact chart version as Helm reads it, spelled as it was published
 * (a leading `v` is kept, as in cert-manager's `v1.16.0`); ranges are not accepted.
 */
export function validateChartVersion(version: string): void {
    if (!isHelmVersion(version)) {
        throw new ValidationError(
            "version",
            `version must be the exact SemVer version that was published, e.g. '0.1.0' or 'v0.1.0' (got '${version}'); ranges are not accepted`,
        );
    }
}

/**
 * Checks every argument that is known now and applies the defaults. Runs before any child resource is
 * created. Values that are still Outputs (chart, version) are checked when they resolve.
 */
export function validateChartReleaseArgs(componentName: string, args: ChartReleaseArgs): ResolvedChartReleaseArgs {
    if (!args || !kubernetesSdk().Provider.isInstance(args.provider)) {
        throw new ValidationError(
            "provider",
            "provider is required: pass the k8s.Provider of the target cluster (e.g. the AKS cluster component's provider)",
        );
    }
    const resolved = resolveChartReleaseArgs(componentName, args);
    checkAll([
        () => typeof args.chart === "string" && validateChartRef(args.chart),
        () => typeof args.version === "string" && validateChartVersion(args.version),
        () => validateCredentials(args),
        () => validateNames(resolved, args.releaseName === undefined),
        () => validateOptions(resolved, args),
    ]);
    return resolved;
}

/** Whether the credentials are `{ kind: "azure" }`; throws naming the input for a kind that is neither that nor basic. */
export function isAzureCredentials(credentials: object): boolean {
    const kind: unknown = (credentials as { kind?: unknown }).kind;
    if (kind === undefined || kind === null || kind === "basic") return false;
    if (kind === "azure") return true;
    throw new ValidationError(
        "registryCredentials.kind",
        `registryCredentials.kind must be "basic" (the default: give username and password) or "azure" (got ${JSON.stringify(kind)})`,
    );
}

function validateCredentials(args: ChartReleaseArgs): void {
    const credentials = args.registryCredentials;
    if (!credentials) {
        throw new ValidationError(
            "registryCredentials",
            'registryCredentials is required: pass { username, password } of an identity with AcrPull on the registry, or { kind: "azure" } for the Azure identity the deployment runs as',
        );
    }
    // One Output for the whole object (as other languages send it) is checked once resolved, in ChartRelease.
    if (pulumi.Output.isInstance(credentials)) return;
    if (isAzureCredentials(credentials)) return;
    for (const key of ["username", "password"] as const) {
        const value = (credentials as BasicChartRegistryCredentials)[key];
        if (value === undefined || value === null || value === "") {
            throw new ValidationError(`registryCredentials.${key}`, `registryCredentials.${key} must not be empty`);
        }
    }
}

function validateNames(resolved: ResolvedChartReleaseArgs, releaseNameDefaulted: boolean): void {
    if (!dnsLabel.test(resolved.namespace) || resolved.namespace.length > 63) {
        throw new ValidationError(
            "namespace",
            "namespace must be a DNS label: at most 63 lowercase letters, digits and '-', starting and ending " +
                `with a letter or digit (got '${resolved.namespace}')`,
        );
    }
    const name = resolved.releaseName;
    if (!dnsLabel.test(name) || name.length > maxReleaseNameLength) {
        const fix = releaseNameDefaulted ? "; the component name is used by default, so set releaseName explicitly" : "";
        throw new ValidationError(
            "releaseName",
            `releaseName must be a DNS label of at most ${maxReleaseNameLength} characters: lowercase letters, ` +
                `digits and '-', starting and ending with a letter or digit (got '${name}')${fix}`,
        );
    }
}

function validateOptions(resolved: ResolvedChartReleaseArgs, args: ChartReleaseArgs): void {
    if (!Number.isInteger(resolved.timeout) || resolved.timeout <= 0) {
        throw new ValidationError("timeout", `timeout must be a positive whole number of seconds (got ${resolved.timeout})`);
    }
    if (!podSecurityLevels.includes(resolved.podSecurity)) {
        throw new ValidationError(
            "podSecurity",
            `podSecurity must be one of ${podSecurityLevels.join(", ")} (got '${resolved.podSecurity}')`,
        );
    }
    if (resolved.recoverPendingRelease && args.kubeconfig === undefined) {
        throw new ValidationError(
            "recoverPendingRelease",
            "recoverPendingRelease needs kubeconfig (the cluster's kubeconfig, the one its provider uses) to read the release's Helm records; pass it or drop recoverPendingRelease",
        );
    }
    if (args.podSecurity !== undefined && !resolved.createNamespace) {
        throw new ValidationError(
            "podSecurity",
            "podSecurity applies only to a namespace this component creates; drop it or set createNamespace: true",
        );
    }
}

/**
 * Warning for a release that waits for a publication but pins `version` as a literal: Helm would fetch
 * the chart during the first preview of a new stack, before the publication pushed it, and fail.
 */
export function literalVersionWarning(args: Pick<ChartReleaseArgs, "publication" | "version">): string | undefined {
    if (args.publication && typeof args.version === "string") {
        return (
            `version is the literal '${args.version}' while a publication is given: the first preview of a new ` +
            "stack fails because Helm fetches the chart before it is pushed; pass the publication's version output"
        );
    }
    return undefined;
}
