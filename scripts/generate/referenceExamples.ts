import * as fs from "fs";
import * as path from "path";
import { packageRoot } from "./schemaFile";

export const EXAMPLES_DIR = "examples/reference";

/**
 * Examples whose Go program, as Pulumi's Go program generator writes it, does not compile: it sets optional plain
 * inputs of components (`*string` fields of the Args struct) from bare strings. The reference page says so instead
 * of showing broken code; a test fails when one of these starts to compile, or another stops.
 */
export const GO_GENERATOR_GAPS: Readonly<Record<string, string>> = {
    AcrHelmPlatform: "location, and the chart's chartPath and namespace",
    AcrPushPrincipal: "the GitHub subject of a federated credential",
    AksCluster: "location and attachRegistryIds",
    ChartRelease: "namespace",
    ContainerRegistry: "location, sku and roleAssignmentMode",
};

/** Each converted program, by the language directory the converter writes and the file it holds. */
const LANGUAGES = [
    { title: "TypeScript", dir: "nodejs", file: "index.ts", fence: "typescript" },
    { title: "Python", dir: "python", file: "__main__.py", fence: "python" },
    { title: "Go", dir: "go", file: "main.go", fence: "go" },
] as const;

/**
 * The example of each resource that has one, as markdown: the Pulumi YAML program in examples/reference/<Name>.yaml,
 * written once, and what Pulumi's converters made of it in each language (`npm run generate:examples`).
 */
export function referenceExamples(root = packageRoot): Map<string, string> {
    const dir = path.join(root, EXAMPLES_DIR);
    const examples = new Map<string, string>();
    if (!fs.existsSync(dir)) return examples;
    for (const source of fs
        .readdirSync(dir)
        .filter((name) => name.endsWith(".yaml"))
        .sort()) {
        const name = source.slice(0, -".yaml".length);
        const sections = LANGUAGES.map(({ title, dir: language, file, fence }) => {
            if (language === "go" && GO_GENERATOR_GAPS[name]) return goGap(name);
            const converted = path.join(dir, name, language, file);
            if (!fs.existsSync(converted))
                throw new Error(`${EXAMPLES_DIR}/${name}/${language}/${file} is missing: run npm run generate:examples`);
            return section(title, fence, fs.readFileSync(converted, "utf8"));
        });
        sections.push(section("YAML", "yaml", fs.readFileSync(path.join(dir, source), "utf8")));
        examples.set(name, sections.join("\n"));
    }
    return examples;
}

function goGap(name: string): string {
    return [
        "### Go",
        "",
        `Pulumi's Go program generator does not yet write a compiling program for this example (it sets ${GO_GENERATOR_GAPS[name]}`,
        "from bare values where the Args struct takes pointers or inputs): see the Go SDK's `Args` type in `sdk/go/acrhelm`.",
        "",
    ].join("\n");
}

function section(title: string, fence: string, code: string): string {
    return [`### ${title}`, "", "```" + fence, code.trimEnd(), "```", ""].join("\n");
}
