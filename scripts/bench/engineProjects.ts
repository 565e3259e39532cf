import * as fs from "fs";
import * as path from "path";

/**
 * How the generated project finds its packages: "repository" links `node_modules` to the repository's own
 * (enough for a program that needs only @pulumi/pulumi); "package" makes a `node_modules` holding
 * `pulumi-acr-helm` -> the repository root (its compiled `dist/`, as `npm run build` made it) and `@pulumi` ->
 * the repository's, so that the program and the package share one @pulumi/pulumi.
 */
export type ModuleLinks = "repository" | "package";

/** Writes a plain JavaScript Pulumi project (Pulumi.yaml, package.json, index.js, node_modules) into `dir`. */
export function writeJavaScriptProject(dir: string, name: string, program: string, repoRoot: string, links: ModuleLinks): void {
    fs.mkdirSync(dir, { recursive: true });
    const plugin = links === "package" ? pluginEntry(repoRoot) : "";
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: ${name}\nruntime:\n    name: nodejs\n    options:\n        typescript: false\nmain: index.js\n${plugin}`,
    );
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true, main: "index.js" }, null, 4));
    fs.writeFileSync(path.join(dir, "index.js"), program);
    const repoModules = path.join(repoRoot, "node_modules");
    if (links === "repository") {
        fs.symlinkSync(repoModules, path.join(dir, "node_modules"), "dir");
        return;
    }
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(modules);
    fs.symlinkSync(repoRoot, path.join(modules, "pulumi-acr-helm"), "dir");
    fs.symlinkSync(path.join(repoModules, "@pulumi"), path.join(modules, "@pulumi"), "dir");
}

/** The acr-helm provider plugin of the checkout, named in a project's Pulumi.yaml. */
function pluginEntry(repoRoot: string): string {
    return `plugins:\n    providers:\n        - name: acr-helm\n          path: ${path.join(repoRoot, "provider")}\n`;
}

/** A Pulumi YAML project publishing each chart directory named `charts` under the `chartsDir` config. */
export function writeYamlProject(dir: string, name: string, charts: string[], repoRoot: string): void {
    fs.mkdirSync(dir, { recursive: true });
    const resources = charts
        .map(
            (chart) =>
                `    ${chart}:\n        type: acr-helm:index:ChartPublication\n        properties:\n` +
                `            chartPath: \${chartsDir}/${chart}\n            loginServer: \${registry}\n            namespace: \${namespace}\n` +
                `            credentials:\n                username: \${registryUsername}\n                password: \${registryPassword}\n` +
                `            plainHttp: true\n            provenance: false\n`,
        )
        .join("");
    const config =
        "config:\n    chartsDir:\n        type: string\n    registry:\n        type: string\n    namespace:\n        type: string\n" +
        "    registryUsername:\n        type: string\n    registryPassword:\n        type: string\n        secret: true\n";
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: ${name}\nruntime: yaml\n${pluginEntry(repoRoot)}${config}resources:\n${resources}`,
    );
}
