import * as path from "path";
import { checkAll, ValidationError } from "../model/validation";
import type { RegistryCredentials } from "../distribution/auth/credentials";
import { readSigningInput, SigningInput } from "../signing/signingInputs";
import type { ProvenanceSetting } from "../packaging/provenance";

/** The resource's inputs after defaults, as the provider sees them. */
export interface PublicationInputs {
    readonly chartPath: string;
    readonly loginServer: string;
    /** Where in the registry: the chart's repository is `<namespace>/<chart name>` (the `repository` input in state). */
    readonly namespace: string;
    readonly credentials?: RegistryCredentials;
    readonly annotations: Record<string, string>;
    readonly provenance: ProvenanceSetting;
    readonly allowOverwrite: boolean;
    readonly deleteFromRegistryOnDestroy: boolean;
    /** Kept for stacks written before versions were retained by default; `true` is the default behaviour now. */
    readonly retainOnDelete: boolean;
    readonly plainHttp: boolean;
    readonly caCert?: string;
    readonly signing?: SigningInput;
}

/** An invalid input of a resource: the message reads `<property>: <reason>`. */
export function invalidInput(property: string, reason: string): ValidationError {
    return new ValidationError(property, `${property}: ${reason}`);
}

/**
 * The inputs as the plugin checked them against the schema (defaults applied, the namespace under `repository`);
 * throws one ValidationError naming every input the library refuses.
 */
export function readInputs(raw: Record<string, unknown>): PublicationInputs {
    const read: Partial<Record<keyof PublicationInputs, unknown>> = {};
    const field =
        <K extends keyof PublicationInputs>(key: K, value: () => PublicationInputs[K]) =>
        () => {
            read[key] = value();
        };
    checkAll([
        () => checkDeleteSettings(raw),
        () => Object.assign(read, readPlanInputs(raw)),
        field("loginServer", () => readLoginServer(raw.loginServer)),
        field("allowOverwrite", () => optionalBoolean(raw, "allowOverwrite")),
        field("deleteFromRegistryOnDestroy", () => optionalBoolean(raw, "deleteFromRegistryOnDestroy")),
        field("retainOnDelete", () => optionalBoolean(raw, "retainOnDelete")),
        field("plainHttp", () => optionalBoolean(raw, "plainHttp")),
        field("caCert", () => optionalString(raw, "caCert")),
    ]);
    return {
        ...(read as Omit<PublicationInputs, "credentials">),
        credentials: raw.credentials as RegistryCredentials | undefined,
    };
}

/** What packaging and planning need: enough for `check` to plan the chart while other inputs are invalid. */
export type PlanInputs = Pick<PublicationInputs, "chartPath" | "namespace" | "annotations" | "provenance" | "signing" | "loginServer">;

export function readPlanInputs(raw: Record<string, unknown>): PlanInputs {
    const read: { -readonly [K in keyof PlanInputs]?: PlanInputs[K] } = { provenance: raw.provenance as ProvenanceSetting };
    checkAll([
        () => (read.chartPath = path.resolve(requiredString(raw, "chartPath"))),
        // Inputs carry the namespace under `repository`; state written by create holds `namespace` as well.
        () => (read.namespace = requiredString({ namespace: raw.repository ?? raw.namespace }, "namespace")),
        () => (read.annotations = readAnnotations(raw.annotations)),
        () => (read.signing = readSigningInput(raw.signing)),
    ]);
    // The registry only names the cosign signature, which is planned once the inputs are all valid.
    read.loginServer = typeof raw.loginServer === "string" ? raw.loginServer : "unknown.invalid";
    return read as PlanInputs;
}

function checkDeleteSettings(raw: Record<string, unknown>): void {
    if (raw.deleteFromRegistryOnDestroy === true && raw.retainOnDelete === true) {
        throw invalidInput(
            "deleteFromRegistryOnDestroy",
            "contradicts retainOnDelete: true; remove retainOnDelete (versions are kept by default) or deleteFromRegistryOnDestroy",
        );
    }
}

/** Accepts `host[:port]`, and forgives a scheme or trailing slash copied from a URL. */
export function readLoginServer(value: unknown): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw invalidInput("loginServer", "is required: the registry host, e.g. 'myregistry.azurecr.io'");
    }
    const host = value
        .trim()
        .replace(/^(oci|https?):\/\//, "")
        .replace(/\/+$/, "");
    if (!/^[a-zA-Z0-9.-]+(:[0-9]{1,5})?$/.test(host)) {
        throw invalidInput("loginServer", `'${value}' is not a registry host; give 'host' or 'host:port' without a path`);
    }
    return host.toLowerCase();
}

function readAnnotations(value: unknown): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
        throw invalidInput("annotations", "must be a map of string keys to string values");
    }
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
        if (typeof entry !== "string") {
            throw invalidInput("annotations", `value of '${key}' must be a string (got ${typeof entry})`);
        }
        result[key] = entry;
    }
    return result;
}

function requiredString(raw: Record<string, unknown>, name: string): string {
    const value = raw[name];
    if (typeof value !== "string" || value.trim() === "") {
        throw invalidInput(name, "is required and must be a non-empty string");
    }
    return value;
}

function optionalString(raw: Record<string, unknown>, name: string): string | undefined {
    const value = raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") throw invalidInput(name, `must be a string (got ${typeof value})`);
    return value;
}

function optionalBoolean(raw: Record<string, unknown>, name: string): boolean {
    const value = raw[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw invalidInput(name, `must be true or false (got ${JSON.stringify(value)})`);
    return value;
}
