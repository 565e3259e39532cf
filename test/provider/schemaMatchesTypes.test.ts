import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

interface PropertySpec {
    readonly secret?: boolean;
    readonly plain?: boolean;
    readonly items?: PropertySpec;
    readonly additionalProperties?: PropertySpec;
}

interface ObjectSpec {
    readonly isComponent?: boolean;
    readonly properties?: Record<string, PropertySpec>;
    readonly required?: string[];
    readonly inputProperties?: Record<string, PropertySpec>;
    readonly requiredInputs?: string[];
}

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8")) as {
    resources: Record<string, ObjectSpec>;
    types: Record<string, ObjectSpec>;
};

/** TypeScript-only inputs, with the reason other languages do without them. */
const TYPESCRIPT_ONLY: Record<string, string> = {
    "ChartReleaseArgs.publication": "a resource to wait for: other languages give the dependsOn option",
    "AcrPushPrincipalArgs.clock": "a function that pins the rotation schedule in tests; a schema cannot carry code",
    "PlatformPrincipalArgs.clock": "a function that pins the rotation schedule in tests; a schema cannot carry code",
};

/** Lists and maps whose elements the schema leaves as inputs though TypeScript takes plain values, with the reason. */
const ELEMENTS_AS_INPUTS: Record<string, string> = {
    "AksClusterArgs.attachedRegistries": "Go code generation writes no AttachedRegistryArgs for a map of plain objects",
};

/** Resource inputs and schema objects, each against the TypeScript type that declares it. */
const INPUTS: [source: string, typeName: string, spec: () => ObjectSpec, inputs: boolean][] = [
    ["components/publication/args.ts", "ChartPublicationArgs", () => schema.resources["acr-helm:index:ChartPublication"], true],
    ["components/release/args.ts", "ChartReleaseArgs", () => schema.resources["acr-helm:release:ChartRelease"], true],
    ["components/release/guard.ts", "ReleaseGuardProps", () => schema.resources["acr-helm:index:ReleaseGuard"], true],
    ["components/promotion/args.ts", "ChartPromotionArgs", () => schema.resources["acr-helm:chart:ChartPromotion"], true],
    ["components/promotion/args.ts", "PromotionEndpointArgs", () => schema.types["acr-helm:index:PromotionEndpoint"], false],
    ["components/publication/args.ts", "ChartSigningArgs", () => schema.types["acr-helm:index:ChartSigning"], false],
    ["components/publication/args.ts", "KeylessSigningArgs", () => schema.types["acr-helm:index:KeylessSigning"], false],
    ["components/publication/args.ts", "IdentityTokenSourceArgs", () => schema.types["acr-helm:index:IdentityTokenSource"], false],
    ["chart/packaging/provenance.ts", "ExplicitProvenance", () => schema.types["acr-helm:index:ExplicitProvenance"], false],
    ["components/publication/args.ts", "RegistryCredentialsInput", () => schema.types["acr-helm:index:RegistryCredentials"], false],
    ["components/release/args.ts", "ChartVerifyArgs", () => schema.types["acr-helm:index:ChartVerify"], false],
    ["components/release/args.ts", "ChartRegistryCredentials", () => schema.types["acr-helm:index:ChartRegistryCredentials"], false],
    ["components/registry/args.ts", "ContainerRegistryArgs", () => schema.resources["acr-helm:registry:ContainerRegistry"], true],
    ["components/registry/args.ts", "RegistryWebhookArgs", () => schema.types["acr-helm:index:RegistryWebhook"], false],
    ["components/registry/args.ts", "RegistryDiagnosticsArgs", () => schema.types["acr-helm:index:RegistryDiagnostics"], false],
    ["components/cluster/args.ts", "AksClusterArgs", () => schema.resources["acr-helm:cluster:AksCluster"], true],
    ["components/cluster/args.ts", "SystemNodePoolArgs", () => schema.types["acr-helm:index:SystemNodePool"], false],
    ["components/cluster/args.ts", "AttachedRegistryArgs", () => schema.types["acr-helm:index:AttachedRegistry"], false],
    ["components/principal/args.ts", "AcrPushPrincipalArgs", () => schema.resources["acr-helm:principal:AcrPushPrincipal"], true],
    ["components/principal/federatedArgs.ts", "FederatedCredentialArgs", () => schema.types["acr-helm:index:FederatedCredential"], false],
    ["components/principal/federatedArgs.ts", "GitHubActionsSubjectArgs", () => schema.types["acr-helm:index:GitHubActionsSubject"], false],
    ["components/platform/args.ts", "AcrHelmPlatformArgs", () => schema.resources["acr-helm:platform:AcrHelmPlatform"], true],
    ["components/platform/args.ts", "PlatformRegistryArgs", () => schema.types["acr-helm:index:PlatformRegistry"], false],
    ["components/platform/args.ts", "PlatformClusterArgs", () => schema.types["acr-helm:index:PlatformCluster"], false],
    ["components/platform/args.ts", "PlatformPrincipalArgs", () => schema.types["acr-helm:index:PlatformPrincipal"], false],
    ["components/platform/args.ts", "PlatformChartArgs", () => schema.types["acr-helm:index:PlatformChart"], false],
    ["components/platform/args.ts", "PlatformReleaseArgs", () => schema.types["acr-helm:index:PlatformRelease"], false],
];

/**
 * The custom resources' classes: each extends the class generated from the schema into `sdk/nodejs` (so its outputs
 * are the schema's), by compiled module, class name and generated module.
 */
const GENERATED: [compiled: string, className: string, generated: string][] = [
    ["components/publication/chartPublication", "ChartPublication", "chartPublication"],
    ["components/release/download/resource", "ChartDownload", "chartDownload"],
    ["components/promotion/promotedChart", "PromotedChart", "promotedChart"],
    ["components/release/guard", "ReleaseGuard", "releaseGuard"],
];

/** Outputs each hand-written class declares, against the schema's properties of its token. */
const OUTPUTS: [source: string, className: string, token: string][] = [
    ["components/release/release.ts", "ChartRelease", "acr-helm:release:ChartRelease"],
    ["components/promotion/chartPromotion.ts", "ChartPromotion", "acr-helm:chart:ChartPromotion"],
    ["components/registry/registry.ts", "ContainerRegistry", "acr-helm:registry:ContainerRegistry"],
    ["components/cluster/cluster.ts", "AksCluster", "acr-helm:cluster:AksCluster"],
    ["components/principal/principal.ts", "AcrPushPrincipal", "acr-helm:principal:AcrPushPrincipal"],
    ["components/platform/platform.ts", "AcrHelmPlatform", "acr-helm:platform:AcrHelmPlatform"],
];

const program = ts.createProgram(
    [...INPUTS, ...OUTPUTS].map(([source]) => path.join(repoRoot, source)),
    { strict: true, skipLibCheck: true },
);
const checker = program.getTypeChecker();

function declaration(source: string, name: string): ts.Node {
    const file = program.getSourceFile(path.join(repoRoot, source))!;
    const found = file.statements.find(
        (node) =>
            (ts.isInterfaceDeclaration(node) || ts.isTypeAliasDeclaration(node) || ts.isClassDeclaration(node)) && node.name?.text === name,
    );
    assert.ok(found, `${name} is declared in ${source}`);
    return found;
}

/** Property names of a type (every member of a union), with whether each may be left out. */
function propertiesOf(source: string, name: string): Map<string, boolean> {
    const type = checker.getTypeAtLocation(declaration(source, name));
    const members = type.isUnion() ? type.types : [type];
    const result = new Map<string, boolean>();
    for (const member of members) {
        for (const symbol of checker.getPropertiesOfType(member)) {
            const optional = (symbol.flags & ts.SymbolFlags.Optional) !== 0 || members.length > 1;
            result.set(symbol.name, (result.get(symbol.name) ?? false) || optional);
        }
    }
    return result;
}

/** The type each property of a type (every member of a union) is declared with, as written. */
function declaredTypesOf(source: string, name: string): Map<string, string> {
    const type = checker.getTypeAtLocation(declaration(source, name));
    const result = new Map<string, string>();
    for (const member of type.isUnion() ? type.types : [type]) {
        for (const symbol of checker.getPropertiesOfType(member)) {
            // A property picked from another type (Pick<...>) keeps the declaration it was picked from.
            const node = symbol.declarations?.find(ts.isPropertySignature);
            if (node?.type) result.set(symbol.name, node.type.getText());
        }
    }
    return result;
}

/** Public properties a resource class declares. */
function publicPropertiesOf(source: string, className: string): ts.PropertyDeclaration[] {
    const node = declaration(source, className) as ts.ClassDeclaration;
    return node.members
        .filter((member): member is ts.PropertyDeclaration => ts.isPropertyDeclaration(member))
        .filter((member) => !member.modifiers?.some((modifier) => modifier.kind === ts.SyntaxKind.PrivateKeyword));
}

/** Public output properties a resource class declares (`pulumi.Output` fields). */
function outputsOf(source: string, className: string): string[] {
    return publicPropertiesOf(source, className)
        .filter((member) => /Output</.test(member.type?.getText() ?? ""))
        .map((member) => member.name.getText());
}

/** Names that look like a credential but are settings about one, with the reason they are not secret. */
const NOT_SECRET: Record<string, string> = {
    registryCredentials: "ChartRegistryCredentials marks its password secret",
    federatedCredentials: "issuer and subject of trusted tokens; no secret",
    createClientSecret: "a switch",
    passwordEndDate: "a date",
    passwordRotationDays: "a period",
    identityToken: "where keyless signing reads the OIDC token (a file's path, a variable's name); not the token",
};

describe("the schema and the TypeScript types describe the same inputs and outputs", () => {
    for (const [source, typeName, spec, isResource] of INPUTS) {
        it(`${typeName}: the same properties, the same required ones`, () => {
            const declared = propertiesOf(source, typeName);
            const described = spec();
            const properties = (isResource ? described.inputProperties : described.properties) ?? {};
            const required = (isResource ? described.requiredInputs : described.required) ?? [];
            const typescript = [...declared.keys()].filter((key) => !TYPESCRIPT_ONLY[`${typeName}.${key}`]).sort();
            assert.deepStrictEqual(Object.keys(properties).sort(), typescript, `${typeName} properties`);
            const requiredInTypeScript = typescript.filter((key) => declared.get(key) === false).sort();
            assert.deepStrictEqual([...required].sort(), requiredInTypeScript, `${typeName} required properties`);
        });
    }

    for (const [source, typeName, spec, isResource] of INPUTS) {
        it(`${typeName}: elements of a plain list or map are plain unless TypeScript takes an Input for them`, () => {
            const declared = declaredTypesOf(source, typeName);
            const described = (isResource ? spec().inputProperties : spec().properties) ?? {};
            const mismatched: string[] = [];
            for (const [key, property] of Object.entries(described)) {
                const element = property.items ?? property.additionalProperties;
                if (!property.plain || !element || ELEMENTS_AS_INPUTS[`${typeName}.${key}`]) continue;
                const typeText = declared.get(key);
                if (typeText === undefined) mismatched.push(`${key}: no declared type found`);
                else if (Boolean(element.plain) === /pulumi\.Input</.test(typeText)) mismatched.push(`${key}: ${typeText}`);
            }
            assert.deepStrictEqual(mismatched, [], `${typeName}: schema element plainness differs from the TypeScript type`);
        });
    }

    for (const [source, className, token] of OUTPUTS) {
        it(`${className}: every output the class declares is in the schema`, () => {
            const described = Object.keys(schema.resources[token].properties ?? {});
            const missing = outputsOf(source, className).filter((key) => !described.includes(key));
            assert.deepStrictEqual(missing, [], `${className} outputs missing from ${token}`);
        });

        if (schema.resources[token].isComponent) {
            it(`${className}: every property the schema lists is a public property of the class (construct returns them)`, () => {
                const declared = publicPropertiesOf(source, className).map((member) => member.name.getText());
                const unknown = Object.keys(schema.resources[token].properties ?? {}).filter((key) => !declared.includes(key));
                assert.deepStrictEqual(unknown, [], `${token} properties ${className} does not have`);
            });
        }
    }

    for (const [compiled, className, generated] of GENERATED) {
        it(`${className} extends the class generated from the schema`, () => {
            const own = (require(path.join(repoRoot, "dist", compiled)) as Record<string, unknown>)[className] as object;
            const fromSchema = (require(path.join(repoRoot, "dist", "sdk", "nodejs", generated)) as Record<string, unknown>)[className];
            assert.strictEqual(Object.getPrototypeOf(own), fromSchema);
        });
    }

    it("marks every credential and key secret", () => {
        const secretNames = /password|token|privatekey|passphrase|credentials|signing|secret|kubeconfig/i;
        const unmarked: string[] = [];
        for (const [token, spec] of [...Object.entries(schema.resources), ...Object.entries(schema.types)]) {
            for (const [key, property] of Object.entries({ ...spec.inputProperties, ...spec.properties })) {
                if (secretNames.test(key) && !NOT_SECRET[key] && !property.secret) unmarked.push(`${token}.${key}`);
            }
        }
        assert.deepStrictEqual(unmarked, []);
    });
});
