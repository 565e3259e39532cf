import {
    contractEntries,
    defaultOf,
    PackageSpec,
    PropertySpec,
    refToken,
    ResourceSpec,
    tokenName,
    TypeSpec,
} from "../../provider/contract/schemaSpec";
import { GeneratedFile } from "./schemaFile";

export const CONTRACT_TYPES_PATH = "provider/contract/types.ts";

/**
 * The TypeScript types of every resource's and function's inputs and outputs and of every schema type, as the plugin's handlers see
 * them after the contract's check: plain values, defaults applied.
 */
export function contractTypes(pkg: PackageSpec): GeneratedFile {
    const blocks = [
        "// Generated from provider/schema.json by `npm run generate`; do not edit.",
        ...Object.entries(pkg.types).map(([token, type]) => typeBlock(token, type)),
        ...contractEntries(pkg).flatMap(([token, resource]) => resourceBlocks(token, resource)),
    ];
    return { path: CONTRACT_TYPES_PATH, text: blocks.join("\n\n") + "\n" };
}

function typeBlock(token: string, type: TypeSpec): string {
    const name = tokenName(token);
    if (type.enum) {
        const values = type.enum.map((entry) => `${doc(entry.description, "    ")}    | ${JSON.stringify(entry.value)}`).join("\n");
        return `${doc(type.description, "")}export type ${name} =\n${values};`;
    }
    return interfaceBlock(name, type.description, type.properties ?? {}, type.required ?? []);
}

function resourceBlocks(token: string, resource: ResourceSpec): string[] {
    const short = tokenName(token);
    const name = short[0].toUpperCase() + short.slice(1);
    return [
        interfaceBlock(`${name}Inputs`, `Inputs of ${token}.`, resource.inputProperties ?? {}, requiredAfterDefaults(resource)),
        interfaceBlock(`${name}Outputs`, `Outputs of ${token}.`, resource.properties ?? {}, resource.required ?? []),
    ];
}

/** After the contract's check, an input with a default is always there. */
function requiredAfterDefaults(resource: ResourceSpec): string[] {
    const withDefault = Object.entries(resource.inputProperties ?? {})
        .filter(([, spec]) => defaultOf(spec) !== undefined)
        .map(([name]) => name);
    return [...(resource.requiredInputs ?? []), ...withDefault];
}

function interfaceBlock(
    name: string,
    description: string | undefined,
    properties: Readonly<Record<string, PropertySpec>>,
    required: readonly string[],
): string {
    const members = Object.entries(properties).map(([property, spec]) => {
        const optional = required.includes(property) ? "" : "?";
        return `${doc(memberDoc(spec), "    ")}    readonly ${property}${optional}: ${typeOf(spec)};`;
    });
    return `${doc(description, "")}export interface ${name} {\n${members.join("\n")}\n}`;
}

function memberDoc(spec: PropertySpec): string | undefined {
    const parts = [spec.description, defaultOf(spec) !== undefined ? `Default: \`${JSON.stringify(defaultOf(spec))}\`.` : undefined];
    if (spec.deprecationMessage) parts.push(`@deprecated ${spec.deprecationMessage}`);
    const text = parts.filter(Boolean).join(" ");
    return text || undefined;
}

export function typeOf(spec: PropertySpec): string {
    if (spec.oneOf) return spec.oneOf.map(typeOf).join(" | ");
    if (spec.$ref) {
        const token = refToken(spec.$ref);
        // A type of another package (e.g. the Kubernetes provider's): passed through as the engine sends it.
        return token ? tokenName(token) : "unknown";
    }
    switch (spec.type) {
        case "integer":
        case "number":
            return "number";
        case "array":
            return `${wrapUnion(typeOf(spec.items ?? {}))}[]`;
        case "object":
            return `Record<string, ${typeOf(spec.additionalProperties ?? {})}>`;
        case undefined:
            return "unknown";
        default:
            return spec.type;
    }
}

function wrapUnion(type: string): string {
    return type.includes(" | ") ? `(${type})` : type;
}

function doc(text: string | undefined, indent: string): string {
    if (!text) return "";
    return `${indent}/** ${text.replace(/\*\//g, "*\\/")} */\n`;
}
