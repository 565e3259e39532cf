import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi serializes a dynamic provider as the text of its functions and stores it in state. Serializing the
 * publishing library by value would copy every module it touches, so the provider loads the library when it runs:
 * through the package name where the program depends on this package, else from the compiled code of the
 * checkout the program runs in (found from the working directory, which the engine sets to the program's).
 * Nothing machine-specific is captured, so the same state works from any clone or CI runner. Compiled code older
 * than the checkout's TypeScript is refused: the provider would otherwise run other code than the program.
 */
export function implementation(cwd = process.cwd()): typeof import("./providerImpl") {
    const fs: typeof import("fs") = require("fs");
    const path: typeof import("path") = require("path");
    const reasons: string[] = [];
    const newestSource = (dir: string): { file: string; mtimeMs: number } | undefined => {
        let newest: { file: string; mtimeMs: number } | undefined;
        for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
            const file = path.join(dir, entry.name);
            const found = entry.isDirectory()
                ? newestSource(file)
                : /\.ts$/.test(entry.name)
                  ? { file, mtimeMs: fs.statSync(file).mtimeMs }
                  : undefined;
            if (found && (!newest || found.mtimeMs > newest.mtimeMs)) newest = found;
        }
        return newest;
    };
    const load = (root: string, compiled: string) => {
        const sources = path.join(root, "components");
        const newest = fs.existsSync(sources) ? newestSource(sources) : undefined;
        if (newest && newest.mtimeMs > fs.statSync(compiled).mtimeMs) {
            throw new Error(
                `the ChartPublication provider's compiled code ${compiled} is older than ${newest.file}; ` +
                    `run 'npm run build' in ${root} so that the provider runs the same code as the program`,
            );
        }
        return require(compiled);
    };
    try {
        const compiled = require.resolve("pulumi-acr-helm/provider", { paths: [cwd] });
        return load(path.resolve(path.dirname(compiled), "..", "..", ".."), compiled);
    } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        reasons.push((error as Error).message.split("\n")[0]);
    }
    for (let dir = cwd; ; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-acr-helm") {
            const compiled = path.join(dir, "dist", "components", "chart", "providerImpl.js");
            if (fs.existsSync(compiled)) return load(dir, compiled);
            reasons.push(`${compiled} does not exist`);
            break;
        }
        if (path.dirname(dir) === dir) break;
    }
    throw new Error(
        `the ChartPublication provider's compiled code was not found from ${cwd} (${reasons.join("; ")}); ` +
            "install pulumi-acr-helm in the project, or run 'npm run build' in the pulumi-acr-helm checkout",
    );
}

export const chartArtifactProvider: pulumi.dynamic.ResourceProvider = {
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    update: (id, olds, news) => implementation().update(id, olds, news),
    read: (id, props) => implementation().read(id, props ?? {}),
    delete: (id, props) => implementation().remove(id, props),
};

export const chartDownloadProvider: pulumi.dynamic.ResourceProvider = {
    check: (olds, news) => implementation().chartDownload.check(olds, news),
    diff: (id, olds, news) => implementation().chartDownload.diff(id, olds, news),
    create: (inputs) => implementation().chartDownload.create(inputs),
    update: (id, olds, news) => implementation().chartDownload.update(id, olds, news),
};

export const chartPromotionProvider: pulumi.dynamic.ResourceProvider = {
    check: (olds, news) => implementation().chartPromotion.check(olds, news),
    diff: (id, olds, news) => implementation().chartPromotion.diff(id, olds, news),
    create: (inputs) => implementation().chartPromotion.create(inputs),
    update: (id, olds, news) => implementation().chartPromotion.update(id, olds, news),
    read: (id, props) => implementation().chartPromotion.read(id, props ?? {}),
    delete: (id, props) => implementation().chartPromotion.remove(id, props),
};
