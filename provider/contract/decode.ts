import { UNKNOWN } from "../wire";
import { defaultOf, PackageSpec, PropertySpec, refToken, TypeSpec } from "./schemaSpec";

export type Props = Record<string, unknown>;

/** One input the contract refuses: its property path and what is wrong, with the fix. Never holds a secret. */
export interface InputFailure {
    readonly property: string;
    readonly reason: string;
}

export interface DecodedInputs {
    /** The inputs with the contract's defaults applied and former names moved to their successors. */
    readonly inputs: Props;
    /** Every failure found, all at once; empty when the inputs meet the contract. */
    readonly failures: readonly InputFailure[];
}

/**
 * Checks a resource's inputs against its contract in the schema, offline: types, required properties,
 * enumerations, properties an enumerated kind requires, former names, and the documented defaults. Values not
 * known yet (preview) are let through unchecked.
 */
export function decodeInputs(pkg: PackageSpec, token: string, given: Props): DecodedInputs {
    const resource = pkg.resources[token];
    if (!resource) throw new Error(`the schema has no resource ${token}`);
    const failures: InputFailure[] = [];
    const inputs = decodeObject(pkg, given, resource.inputProperties ?? {}, resource.requiredInputs ?? [], "", failures, false);
    return { inputs, failures };
}

/** A function's inputs, checked as a resource's are. */
export function decodeFunctionInputs(pkg: PackageSpec, token: string, given: Props): DecodedInputs {
    const fn = pkg.functions?.[token];
    if (!fn) throw new Error(`the schema has no function ${token}`);
    const failures: InputFailure[] = [];
    const inputs = decodeObject(pkg, given, fn.inputs?.properties ?? {}, fn.inputs?.required ?? [], "", failures, false);
    return { inputs, failures };
}

function decodeObject(
    pkg: PackageSpec,
    given: Props,
    properties: Readonly<Record<string, PropertySpec>>,
    required: readonly string[],
    path: string,
    failures: InputFailure[],
    closed: boolean,
    type?: TypeSpec,
): Props {
    const result: Props = { ...given };
    moveFormerNames(result, properties, path, failures);
    if (closed) {
        for (const key of Object.keys(result).filter((key) => !(key in properties))) {
            failures.push({
                property: join(path, key),
                reason: `is not a property here; expected one of ${quoted(Object.keys(properties))}`,
            });
        }
    }
    for (const [name, spec] of Object.entries(properties)) {
        const value = result[name];
        if (isAbsent(value)) {
            if (defaultOf(spec) !== undefined) result[name] = defaultOf(spec);
            else if (required.includes(name)) failures.push({ property: join(path, name), reason: requiredReason(spec) });
            continue;
        }
        result[name] = decodeValue(pkg, value, spec, join(path, name), failures);
    }
    if (type) checkKindRequirements(result, type, path, failures);
    return result;
}

function decodeValue(pkg: PackageSpec, value: unknown, spec: PropertySpec, path: string, failures: InputFailure[]): unknown {
    if (value === UNKNOWN) return value;
    if (spec.oneOf) return decodeOneOf(pkg, value, spec, path, failures);
    if (spec.$ref) {
        const token = refToken(spec.$ref);
        const type = token ? pkg.types[token] : undefined;
        // References to other packages' types (e.g. a Kubernetes provider) are theirs to check.
        if (!type) return value;
        if (type.enum) {
            const allowed = type.enum.map((entry) => entry.value);
            if (typeof value === "string" && allowed.includes(value)) return value;
            failures.push({ property: path, reason: enumReason(allowed, value, spec) });
            return value;
        }
        if (!isPlainObject(value)) {
            failures.push({ property: path, reason: `expected an object (got ${describe(value)})` });
            return value;
        }
        return decodeObject(pkg, value, type.properties ?? {}, type.required ?? [], path, failures, true, type);
    }
    switch (spec.type) {
        case "string":
        case "boolean":
            if (typeof value !== spec.type) failures.push({ property: path, reason: `expected a ${spec.type} (got ${describe(value)})` });
            return value;
        case "number":
        case "integer":
            if (typeof value !== "number" || !Number.isFinite(value) || (spec.type === "integer" && !Number.isInteger(value))) {
                failures.push({
                    property: path,
                    reason: `expected ${spec.type === "integer" ? "an integer" : "a number"} (got ${describe(value)})`,
                });
            }
            return value;
        case "array":
            if (!Array.isArray(value)) {
                failures.push({ property: path, reason: `expected a list (got ${describe(value)})` });
                return value;
            }
            return spec.items ? value.map((item, index) => decodeValue(pkg, item, spec.items!, `${path}[${index}]`, failures)) : value;
        case "object":
            if (!isPlainObject(value)) {
                failures.push({ property: path, reason: `expected a map (got ${describe(value)})` });
                return value;
            }
            if (!spec.additionalProperties) return value;
            return Object.fromEntries(
                Object.entries(value).map(([key, entry]) => [
                    key,
                    decodeValue(pkg, entry, spec.additionalProperties!, join(path, key), failures),
                ]),
            );
        default:
            return value;
    }
}

function decodeOneOf(pkg: PackageSpec, value: unknown, spec: PropertySpec, path: string, failures: InputFailure[]): unknown {
    const variants = spec.oneOf ?? [];
    for (const variant of variants) {
        const own: InputFailure[] = [];
        const decoded = decodeValue(pkg, value, variant, path, own);
        if (own.length === 0) return decoded;
    }
    failures.push({ property: path, reason: `expected ${variants.map(variantName).join(" or ")} (got ${describe(value)})` });
    return value;
}

/** A former name's value moves to its successor, unless the successor is set to something else explicitly. */
function moveFormerNames(result: Props, properties: Readonly<Record<string, PropertySpec>>, path: string, failures: InputFailure[]): void {
    for (const [former, spec] of Object.entries(properties)) {
        const successor = spec.language?.["acr-helm"]?.renamedTo;
        if (!successor || isAbsent(result[former])) continue;
        const formerValue = result[former];
        const current = result[successor];
        delete result[former];
        // A generated SDK fills in the successor's default: that is not the program setting it.
        if (isAbsent(current) || (properties[successor] && current === defaultOf(properties[successor])) || current === formerValue) {
            result[successor] = formerValue;
        } else if (current !== UNKNOWN && formerValue !== UNKNOWN) {
            failures.push({
                property: join(path, successor),
                reason: `${JSON.stringify(current)} and its former name ${former} ${JSON.stringify(formerValue)} disagree; set only ${successor}`,
            });
        }
    }
}

/** The properties the value of the type's discriminator (e.g. `kind`) requires. */
function checkKindRequirements(result: Props, type: TypeSpec, path: string, failures: InputFailure[]): void {
    const rule = type.language?.["acr-helm"];
    if (!rule?.discriminator || !rule.requires) return;
    const kind = result[rule.discriminator];
    if (typeof kind !== "string" || kind === UNKNOWN) return;
    for (const name of rule.requires[kind] ?? []) {
        if (!isAbsent(result[name]) && result[name] !== "") continue;
        const others = Object.keys(rule.requires).filter((other) => other !== kind);
        failures.push({
            property: join(path, name),
            reason: `is required when ${join(path, rule.discriminator)} is "${kind}"; set it, or choose another ${rule.discriminator} (${quoted(others)})`,
        });
    }
}

function requiredReason(spec: PropertySpec): string {
    return spec.description ? `is required: ${lowerFirst(spec.description)}` : "is required";
}

function enumReason(allowed: readonly string[], value: unknown, spec: PropertySpec): string {
    const got = spec.secret ? describe(value) : JSON.stringify(value);
    const near = typeof value === "string" ? allowed.find((entry) => entry.toLowerCase() === value.toLowerCase()) : undefined;
    return `expected one of ${quoted(allowed)} (got ${got})${near ? `; did you mean "${near}"?` : ""}`;
}

function variantName(spec: PropertySpec): string {
    if (spec.$ref) return `an object (${refToken(spec.$ref)?.split(":").pop()})`;
    return spec.type === "integer" ? "an integer" : `a ${spec.type === "object" ? "map" : spec.type}`;
}

/** The kind of a value, never the value: inputs may be secrets. */
function describe(value: unknown): string {
    if (value === null) return "null";
    if (Array.isArray(value)) return "a list";
    if (typeof value === "object") return "an object";
    return typeof value === "number" && Number.isInteger(value) ? "an integer" : `a ${typeof value}`;
}

function quoted(values: readonly string[]): string {
    return values.map((value) => `"${value}"`).join(", ");
}

function join(path: string, key: string): string {
    if (!path) return key;
    return /^[A-Za-z_][A-Za-z0-9_]*$/.test(key) ? `${path}.${key}` : `${path}[${JSON.stringify(key)}]`;
}

function isAbsent(value: unknown): boolean {
    return value === undefined || value === null;
}

function isPlainObject(value: unknown): value is Props {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function lowerFirst(text: string): string {
    return text.charAt(0).toLowerCase() + text.slice(1);
}
