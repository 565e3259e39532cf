import * as path from "path";
import type { RegistryCredentials } from "../distribution/credentials";
import { readSigningInput, SigningInput } from "../signing/signingInputs";
import type { ProvenanceSetting } from "./args";

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

/** The resource's inputs after defaults, as the provider sees them. */
export interface PublicationInputs {
    readonly chartPath: string;
    readonly loginServer: string;
    readonly repository: string;
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

export class PublicationInputError extends Error {
    constructor(readonly property: string, readonly reason: string) {
        super(`${property}: ${reason}`);
        this.name = "PublicationInputError";
    }
}

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

export function readInputs(raw: Record<string, unknown>): PublicationInputs {
    if (raw.deleteFromRegistryOnDestroy === true && raw.retainOnDelete === true) {
        throw new PublicationInputError(
            "deleteFromRegistryOnDestroy",
            "contradicts retainOnDelete: true; remove retainOnDelete (versions are kept by default) or deleteFromRegistryOnDestroy",
        );
    }
    return {
        chartPath: path.resolve(requiredString(raw, "chartPath")),
        loginServer: readLoginServer(raw.loginServer),
        repository: optionalString(raw, "repository") ?? "helm",
        credentials: raw.credentials as RegistryCredentials | undefined,
        annotations: readAnnotations(raw.annotations),
        provenance: (raw.provenance ?? true) as ProvenanceSetting,
        allowOverwrite: optionalBoolean(raw, "allowOverwrite"),
        deleteFromRegistryOnDestroy: optionalBoolean(raw, "deleteFromRegistryOnDestroy"),
        retainOnDelete: optionalBoolean(raw, "retainOnDelete"),
        plainHttp: optionalBoolean(raw, "plainHttp"),
        caCert: optionalString(raw, "caCert"),
        signing: readSigningInput(raw.signing),
    };
}

/** Accepts `host[:port]`, and forgives a scheme or trailing slash copied from a URL. */
export function readLoginServer(value: unknown): string {
    if (typeof value !== "string" || value.trim() === "") {
        throw new PublicationInputError("loginServer", "is required: the registry host, e.g. 'myregistry.azurecr.io'");
    }
    const host = value.trim().replace(/^(oci|https?):\/\//, "").replace(/\/+$/, "");
    if (!/^[a-zA-Z0-9.-]+(:[0-9]{1,5})?$/.test(host)) {
        throw new PublicationInputError("loginServer", `'${value}' is not a registry host; give 'host' or 'host:port' without a path`);
    }
    return host.toLowerCase();
}

function readAnnotations(value: unknown): Record<string, string> {
    if (value === undefined || value === null) return {};
    if (typeof value !== "object" || Array.isArray(value)) {
        throw new PublicationInputError("annotations", "must be a map of string keys to string values");
    }
    const result: Record<string, string> = {};
    for (const [key, entry] of Object.entries(value)) {
        if (typeof entry !== "string") {
            throw new PublicationInputError("annotations", `value of '${key}' must be a string (got ${typeof entry})`);
        }
        result[key] = entry;
    }
    return result;
}

function requiredString(raw: Record<string, unknown>, name: string): string {
    const value = raw[name];
    if (typeof value !== "string" || value.trim() === "") {
        throw new PublicationInputError(name, "is required and must be a non-empty string");
    }
    return value;
}

function optionalString(raw: Record<string, unknown>, name: string): string | undefined {
    const value = raw[name];
    if (value === undefined || value === null || value === "") return undefined;
    if (typeof value !== "string") throw new PublicationInputError(name, `must be a string (got ${typeof value})`);
    return value;
}

function optionalBoolean(raw: Record<string, unknown>, name: string): boolean {
    const value = raw[name];
    if (value === undefined || value === null) return false;
    if (typeof value !== "boolean") throw new PublicationInputError(name, `must be true or false (got ${JSON.stringify(value)})`);
    return value;
}
