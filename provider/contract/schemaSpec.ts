/**
 * The part of Pulumi's package schema (`provider/schema.json`) that this package's contract uses: the one
 * description of every resource's inputs and outputs, read by the check-time decoder, the generated TypeScript
 * types and the reference docs.
 */
export interface PropertySpec {
    readonly type?: "string" | "boolean" | "integer" | "number" | "array" | "object";
    readonly $ref?: string;
    readonly items?: PropertySpec;
    readonly additionalProperties?: PropertySpec;
    readonly oneOf?: readonly PropertySpec[];
    readonly description?: string;
    readonly default?: string | number | boolean;
    readonly secret?: boolean;
    readonly plain?: boolean;
    readonly deprecationMessage?: string;
    readonly language?: { readonly "acr-helm"?: PropertyExtension };
}

/** What Pulumi's schema cannot say about a property, kept in the schema's own per-language extension. */
export interface PropertyExtension {
    /** The property is a former name of `renamedTo`: its value moves there unless that one is set explicitly. */
    readonly renamedTo?: string;
    /** A default Pulumi's schema cannot carry (its Go generator writes none for a `oneOf` property). */
    readonly default?: string | number | boolean;
}

/** The property's default: the schema's own, or the one kept in the extension. */
export function defaultOf(spec: PropertySpec): string | number | boolean | undefined {
    return spec.default ?? spec.language?.["acr-helm"]?.default;
}

/** What Pulumi's schema cannot say about an object type. */
export interface ObjectExtension {
    /** A property whose value selects which other properties are required, e.g. `kind`. */
    readonly discriminator?: string;
    /** For each value of the discriminator, the properties that value requires. */
    readonly requires?: Readonly<Record<string, readonly string[]>>;
}

export interface EnumValueSpec {
    readonly value: string;
    readonly name?: string;
    readonly description?: string;
}

export interface TypeSpec {
    readonly type: "object" | "string";
    readonly description?: string;
    readonly properties?: Readonly<Record<string, PropertySpec>>;
    readonly required?: readonly string[];
    readonly enum?: readonly EnumValueSpec[];
    readonly language?: { readonly "acr-helm"?: ObjectExtension };
}

export interface ResourceSpec {
    readonly description?: string;
    readonly isComponent?: boolean;
    readonly inputProperties?: Readonly<Record<string, PropertySpec>>;
    readonly requiredInputs?: readonly string[];
    readonly properties?: Readonly<Record<string, PropertySpec>>;
    readonly required?: readonly string[];
}

/** A function (invoke): its inputs and outputs are objects like a type's. */
export interface FunctionSpec {
    readonly description?: string;
    readonly inputs?: { readonly properties?: Readonly<Record<string, PropertySpec>>; readonly required?: readonly string[] };
    readonly outputs?: { readonly properties?: Readonly<Record<string, PropertySpec>>; readonly required?: readonly string[] };
}

/** A function seen as a resource whose inputs and outputs are its own: what the generators and docs list. */
export function functionAsResource(fn: FunctionSpec): ResourceSpec & { readonly isFunction: true } {
    return {
        description: fn.description,
        inputProperties: fn.inputs?.properties,
        requiredInputs: fn.inputs?.required,
        properties: fn.outputs?.properties,
        required: fn.outputs?.required,
        isFunction: true,
    };
}

/** Every resource, component and function of the package, by token. */
export function contractEntries(pkg: PackageSpec): [string, ResourceSpec & { readonly isFunction?: boolean }][] {
    return [
        ...Object.entries(pkg.resources),
        ...Object.entries(pkg.functions ?? {}).map(
            ([token, fn]) => [token, functionAsResource(fn)] as [string, ResourceSpec & { isFunction: true }],
        ),
    ];
}

export interface PackageSpec {
    readonly name: string;
    readonly version: string;
    readonly description?: string;
    readonly types: Readonly<Record<string, TypeSpec>>;
    readonly resources: Readonly<Record<string, ResourceSpec>>;
    readonly functions?: Readonly<Record<string, FunctionSpec>>;
}

/** The type token a `$ref` names: `#/types/acr-helm:index:RegistryCredentials` → `acr-helm:index:RegistryCredentials`. */
export function refToken(ref: string): string | undefined {
    return ref.startsWith("#/types/") ? ref.slice("#/types/".length) : undefined;
}

/** The short name of a token: `acr-helm:index:RegistryCredentials` → `RegistryCredentials`. */
export function tokenName(token: string): string {
    return token.slice(token.lastIndexOf(":") + 1);
}
