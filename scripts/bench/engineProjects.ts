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
    fs.writeFileSync(
        path.join(dir, "Pulumi.yaml"),
        `name: ${name}\nruntime:\n    name: nodejs\n    options:\n        typescript: false\nmain: index.js\n`,
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
