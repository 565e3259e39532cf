import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { repoRoot } from "../support/paths";

/*
 * `npm run demo` runs `scripts/setup-tools.sh demo`, which builds every target but TEST_ONLY_TARGETS. This test
 * reads that list from the script and fails when code the demo runs names a tool one of those targets builds.
 */
const SETUP_TOOLS = fs.readFileSync(path.join(repoRoot, "scripts", "setup-tools.sh"), "utf8");

/** What each test-only target puts on disk, as the code that uses it names it. */
const TOOLS_OF_TEST_ONLY_TARGET: Record<string, string[]> = {
    helm: ["helm"],
    helm4: ["helm4"],
    cosign: ["cosign"],
    fulcio: ["fulcio-loopback"],
    "timestamp-authority": ["timestamp-server-loopback"],
    "chart-corpus": ["chart-corpus", "modules.tsv"],
    "sdk-gen": ["acr-helm-gen", "kubernetes.json"],
    "example-gen": ["acr-helm-examples"],
    "notation-verify": ["notation-verify"],
    "flux-source-controller": ["flux-source-controller"],
};

/** What the demo runs: its driver, the TypeScript program it deploys, and the provider plugin both programs load. */
const DEMO_ROOTS = ["scripts/demo/main.ts", "examples/local/index.ts", "provider/index.ts"];

/** The functions that look a tool up by name, and the file that defines them (whose parameters are variables). */
const TOOL_LOOKUP_FILE = "scripts/local/tools.ts";
const TOOL_LOOKUP = /\b(requireTool|installedTool|toolPath|findOnPath)\(\s*([^)\s,]*)/g;

function shellArray(name: string): string[] {
    const found = new RegExp(`^readonly ${name}=\\(([^)]*)\\)$`, "m").exec(SETUP_TOOLS);
    if (!found) throw new Error(`scripts/setup-tools.sh no longer defines ${name}=(…); update this test`);
    return found[1].trim().split(/\s+/);
}

function importsOf(file: string): string[] {
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    return importedFiles
        .map(({ fileName }) => fileName)
        .filter((name) => name.startsWith("."))
        .map((name) => path.resolve(path.dirname(file), name))
        .map((target) => [`${target}.ts`, path.join(target, "index.ts")].find((candidate) => fs.existsSync(candidate)))
        .filter((target): target is string => target !== undefined);
}

/** The files reachable from `roots` by relative imports (repository-relative paths). */
function closureOf(roots: string[]): string[] {
    const seen = new Set<string>();
    const visit = (file: string) => {
        if (seen.has(file)) return;
        seen.add(file);
        importsOf(file).forEach(visit);
    };
    roots.map((root) => path.join(repoRoot, root)).forEach(visit);
    return [...seen].map((file) => path.relative(repoRoot, file)).sort();
}

/** Every string literal and template text in the file (comments left out). */
function literalsOf(file: string): string[] {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(repoRoot, file), "utf8"), ts.ScriptTarget.Latest, true);
    const found: string[] = [];
    const visit = (node: ts.Node) => {
        if (ts.isStringLiteralLike(node) || ts.isTemplateHead(node) || ts.isTemplateMiddle(node) || ts.isTemplateTail(node)) {
            found.push(node.text);
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

/** "file: tool" for each literal in `files` that names one of `tools`, alone or as a path's last part. */
function toolMentions(files: string[], tools: string[]): string[] {
    return files.flatMap((file) =>
        literalsOf(file)
            .flatMap((text) => tools.filter((tool) => text === tool || text.endsWith(`/${tool}`)))
            .map((tool) => `${file}: ${tool}`),
    );
}

/** The tool lookups in `files`: "file: name" for a literal name, "file: call(expression" for any other. */
function toolLookups(files: string[]): { byName: string[]; byVariable: string[] } {
    const calls = files
        .filter((file) => file !== TOOL_LOOKUP_FILE)
        .flatMap((file) => [...fs.readFileSync(path.join(repoRoot, file), "utf8").matchAll(TOOL_LOOKUP)].map((call) => ({ file, call })));
    const literal = (argument: string) => /^["'][^"'$]+["']$/.test(argument);
    return {
        byName: calls.filter(({ call }) => literal(call[2])).map(({ file, call }) => `${file}: ${call[2].slice(1, -1)}`),
        byVariable: calls.filter(({ call }) => !literal(call[2])).map(({ file, call }) => `${file}: ${call[1]}(${call[2]}`),
    };
}

/**
 * Files that can run a program by a name of their own: they start processes, or build paths in .tools/bin. The
 * package's other files use "helm" and "cosign" as names of namespaces and operations, never as programs.
 */
function runsPrograms(file: string): boolean {
    const text = fs.readFileSync(path.join(repoRoot, file), "utf8");
    return /from "(node:)?child_process"/.test(text) || /\btoolsBinDir\(/.test(text);
}

describe("npm run demo builds only the tools the demo runs", () => {
    const testOnly = shellArray("TEST_ONLY_TARGETS");
    const testOnlyTools = testOnly.flatMap((target) => TOOLS_OF_TEST_ONLY_TARGET[target] ?? []);
    const demoFiles = closureOf(DEMO_ROOTS);

    it("every test-only target of setup-tools.sh is a target it knows, and this test knows what it builds", () => {
        const all = shellArray("ALL_TARGETS");
        assert.deepStrictEqual(
            testOnly.filter((target) => !all.includes(target)),
            [],
            "TEST_ONLY_TARGETS names targets ALL_TARGETS lacks",
        );
        assert.deepStrictEqual(Object.keys(TOOLS_OF_TEST_ONLY_TARGET).sort(), [...testOnly].sort());
        assert.match(fs.readFileSync(path.join(repoRoot, "package.json"), "utf8"), /"predemo": "bash scripts\/prepare\.sh demo"/);
    });

    it("the demo's code names no tool that only a test-only target builds", () => {
        for (const expected of ["scripts/local/registry.ts", "scripts/local/kubeApiServer.ts", "provider/resourceTable.ts"]) {
            assert.ok(demoFiles.includes(expected), `the demo's import closure misses ${expected}: ${demoFiles.join(", ")}`);
        }
        const looked = toolLookups(demoFiles).byName.filter((lookup) => testOnlyTools.includes(lookup.split(": ")[1]));
        assert.deepStrictEqual(looked, [], "tools looked up by name");
        assert.deepStrictEqual(toolMentions(demoFiles.filter(runsPrograms), testOnlyTools), [], "tools named where processes start");
    });

    it("the demo looks tools up by literal names only, and the scan sees the ones it does run", () => {
        const lookups = toolLookups(demoFiles);
        assert.deepStrictEqual(lookups.byVariable, []);
        const seen = [...lookups.byName, ...toolMentions(demoFiles.filter(runsPrograms), ["docker-registry", "htpasswd", "openssl"])];
        for (const tool of ["kube-apiserver", "etcd", "pulumi", "docker-registry", "htpasswd", "openssl"]) {
            assert.ok(
                seen.some((found) => found.endsWith(`: ${tool}`)),
                `${tool} not seen in the demo's code: ${seen.join(", ")}`,
            );
        }
    });

    it("the same scan finds helm, helm4, cosign and the chart corpus in the tests that use them (positive control)", () => {
        const files = closureOf(["test/chart/package/helm.test.ts", "test/copy/signedCopy.test.ts", "test/chart/parity/parity.test.ts"]);
        const mentions = [...toolLookups(files).byName, ...toolMentions(files.filter(runsPrograms), testOnlyTools)].map(
            (mention) => mention.split(": ")[1],
        );
        for (const tool of ["helm", "helm4", "cosign", "modules.tsv"])
            assert.ok(mentions.includes(tool), `${tool} not found: ${mentions.join(", ")}`);
    });
});
