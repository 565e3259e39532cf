import {
    contractEntries,
    defaultOf,
    PackageSpec,
    PropertySpec,
    refToken,
    ResourceSpec,
    TypeSpec,
} from "../../provider/contract/schemaSpec";
import { GeneratedFile, goName, pythonName, reachedTypes, tokenName } from "./schemaFile";
import { typeOf } from "./contractTypes";

export const REFERENCE_DIR = "docs/reference";
const HEADER = "<!-- Generated from provider/schema.json by `npm run generate`; do not edit. -->";

/** One page per resource and component, and an index: inputs, outputs and the types they use, for every language. */
export function referenceDocs(pkg: PackageSpec, examples: ReadonlyMap<string, string> = new Map()): GeneratedFile[] {
    const pages = contractEntries(pkg).map(([token, resource]) => ({
        path: `${REFERENCE_DIR}/${tokenName(token)}.md`,
        text: resourcePage(pkg, token, resource, examples.get(tokenName(token))),
    }));
    return [{ path: `${REFERENCE_DIR}/README.md`, text: indexPage(pkg) }, ...pages];
}

function indexPage(pkg: PackageSpec): string {
    const rows = contractEntries(pkg).map(
        ([token, resource]) =>
            `| [${tokenName(token)}](${tokenName(token)}.md) | ${kindOf(resource)} | \`${token}\` | ${firstSentence(resource.description)} |`,
    );
    return [
        HEADER,
        `# ${pkg.name} reference`,
        "",
        `${pkg.description ?? ""} Version ${pkg.version}.`,
        "",
        "Every page lists a resource's inputs and outputs with their names in each language (TypeScript and YAML use the",
        "schema's names), whether they are required, their default, and whether they are stored only as secrets. The",
        "provider plugin checks inputs against exactly this contract before it sends any request.",
        "",
        "| Resource | Kind | Type token | What it is |",
        "|---|---|---|---|",
        ...rows,
        "",
    ].join("\n");
}

function resourcePage(pkg: PackageSpec, token: string, resource: ResourceSpec, example: string | undefined): string {
    const inputs = resource.inputProperties ?? {};
    const outputs = resource.properties ?? {};
    const types = reachedTypes(pkg, { ...inputs, ...outputs });
    return [
        HEADER,
        `# ${tokenName(token)}`,
        "",
        `\`${token}\` · ${kindOf(resource)}`,
        "",
        resource.description ?? "",
        "",
        ...(example ? ["## Example", "", example.trimEnd(), ""] : []),
        "## Inputs",
        "",
        propertyTable(inputs, resource.requiredInputs ?? [], true),
        "",
        "## Outputs",
        "",
        propertyTable(outputs, resource.required ?? [], false),
        "",
        ...types.flatMap((type) => typeSection(pkg.types[type], type)),
    ].join("\n");
}

function typeSection(type: TypeSpec, token: string): string[] {
    const heading = [`### ${tokenName(token)}`, "", type.description ?? ""];
    if (type.enum) {
        const rows = type.enum.map((entry) => `| \`${JSON.stringify(entry.value)}\` | ${cell(entry.description)} |`);
        return [...heading, "", "| Value | Meaning |", "|---|---|", ...rows, ""];
    }
    const rule = type.language?.["acr-helm"];
    const kinds = rule?.discriminator && rule.requires ? [kindRequirements(rule.discriminator, rule.requires), ""] : [];
    return [...heading, "", ...kinds, propertyTable(type.properties ?? {}, type.required ?? [], true), ""];
}

function kindRequirements(discriminator: string, requires: Readonly<Record<string, readonly string[]>>): string {
    const each = Object.entries(requires).map(
        ([kind, names]) => `\`${kind}\` needs ${names.length ? names.map((name) => `\`${name}\``).join(" and ") : "nothing else"}`,
    );
    return `Each \`${discriminator}\` requires its own properties: ${each.join("; ")}.`;
}

function propertyTable(properties: Readonly<Record<string, PropertySpec>>, required: readonly string[], inputs: boolean): string {
    if (Object.keys(properties).length === 0) return "None.";
    const head = inputs
        ? ["| Name | Python | Go | Type | Required | Default | Secret | Description |", "|---|---|---|---|---|---|---|---|"]
        : ["| Name | Python | Go | Type | Secret | Description |", "|---|---|---|---|---|---|"];
    const rows = Object.entries(properties).map(([name, spec]) => {
        const names = `\`${name}\` | \`${pythonName(name)}\` | \`${goName(name)}\``;
        const type = `${typeCell(spec)}`;
        const secret = spec.secret ? "yes" : "";
        const description = cell(
            [spec.deprecationMessage ? `**Deprecated:** ${spec.deprecationMessage}.` : "", spec.description ?? ""]
                .filter(Boolean)
                .join(" "),
        );
        if (!inputs) return `| ${names} | ${type} | ${secret} | ${description} |`;
        const isRequired = required.includes(name) ? "yes" : "";
        const fallback = defaultOf(spec) !== undefined ? `\`${JSON.stringify(defaultOf(spec))}\`` : "";
        return `| ${names} | ${type} | ${isRequired} | ${fallback} | ${secret} | ${description} |`;
    });
    return [...head, ...rows].join("\n");
}

/** The type as TypeScript writes it, with the schema's own types linked to their section. */
function typeCell(spec: PropertySpec): string {
    const linked = (inner: PropertySpec): string => {
        const token = inner.$ref ? refToken(inner.$ref) : undefined;
        if (token) return `[${tokenName(token)}](#${tokenName(token).toLowerCase()})`;
        if (inner.oneOf) return inner.oneOf.map(linked).join(" \\| ");
        if (inner.type === "array" && inner.items) return `${linked(inner.items)}[]`;
        return `\`${typeOf(inner).replace(/\|/g, "\\|")}\``;
    };
    if (spec.$ref && !refToken(spec.$ref)) return `\`${spec.$ref}\``;
    return linked(spec);
}

function kindOf(resource: ResourceSpec & { isFunction?: boolean }): string {
    if (resource.isFunction) return "function";
    return resource.isComponent ? "component" : "custom resource";
}

function firstSentence(text: string | undefined): string {
    const sentence = (text ?? "").split(/(?<=\.)\s/)[0];
    return cell(sentence);
}

function cell(text: string | undefined): string {
    return (text ?? "").replace(/\|/g, "\\|").replace(/\n+/g, " ");
}
