import * as fs from "fs";
import * as path from "path";
import { PackageSpec, PropertySpec, refToken, tokenName } from "../../provider/contract/schemaSpec";

/** The package root: three levels above the compiled `dist/scripts/generate/*.js`, two above the source. */
export const packageRoot = path.resolve(
    __dirname,
    "..",
    "..",
    ...(path.basename(path.resolve(__dirname, "..", "..")) === "dist" ? [".."] : []),
);

export function readSchema(): PackageSpec {
    return JSON.parse(fs.readFileSync(path.join(packageRoot, "provider", "schema.json"), "utf8")) as PackageSpec;
}

/** A generated file: where it goes (relative to the package root) and what it holds. */
export interface GeneratedFile {
    readonly path: string;
    readonly text: string;
}

/** Property names as each SDK spells them: TypeScript and YAML as in the schema. */
export function pythonName(name: string): string {
    return name
        .replace(/([a-z0-9])([A-Z])/g, "$1_$2")
        .replace(/([A-Z]+)([A-Z][a-z])/g, "$1_$2")
        .toLowerCase();
}

export function goName(name: string): string {
    return name.charAt(0).toUpperCase() + name.slice(1);
}

/** The object and enum types a set of properties reaches, each once, in the order first reached. */
export function reachedTypes(pkg: PackageSpec, properties: Readonly<Record<string, PropertySpec>>): string[] {
    const found: string[] = [];
    const visit = (spec: PropertySpec | undefined): void => {
        if (!spec) return;
        const token = spec.$ref ? refToken(spec.$ref) : undefined;
        if (token && pkg.types[token] && !found.includes(token)) {
            found.push(token);
            Object.values(pkg.types[token].properties ?? {}).forEach(visit);
        }
        visit(spec.items);
        visit(spec.additionalProperties);
        spec.oneOf?.forEach(visit);
    };
    Object.values(properties).forEach(visit);
    return found;
}

export { tokenName };
