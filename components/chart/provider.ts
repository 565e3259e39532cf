import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi serializes a dynamic provider as the text of its functions and stores it in state, twice per resource, and
 * rewrites the state after every step: this text is kept short. Serializing the publishing library by value would
 * copy every module it touches, so the provider loads the library when it runs: through the package name where the
 * program depends on this package, else from the compiled code of the checkout the program runs in (found from the
 * working directory, which the engine sets to the program's). Nothing machine-specific is captured, so the same state
 * works from any clone or CI runner. The compiled code refuses to load when it is older than the checkout's sources
 * (see compiledFreshness.ts). What was loaded is kept for the life of the provider process.
 */
export function implementation(cwd = process.cwd()): typeof import("./providerImpl") {
    // On the global object: a module-level variable would be captured by value into the serialized text. No `??=`:
    // Pulumi parses this text with the TypeScript its program loads, which may predate that syntax.
    const global = globalThis as { __acrHelmProviders?: Map<string, typeof import("./providerImpl")> };
    const loaded = global.__acrHelmProviders || (global.__acrHelmProviders = new Map());
    if (!loaded.has(cwd)) loaded.set(cwd, require(compiledProvider(cwd)));
    return loaded.get(cwd)!;
}

export function compiledProvider(cwd: string): string {
    const fs: typeof import("fs") = require("fs");
    const path: typeof import("path") = require("path");
    let reason: string;
    try {
        return require.resolve("pulumi-acr-helm/provider", { paths: [cwd] });
    } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        reason = (error as Error).message.split("\n")[0];
    }
    for (let dir = cwd; path.dirname(dir) !== dir; dir = path.dirname(dir)) {
        const manifest = path.join(dir, "package.json");
        if (fs.existsSync(manifest) && JSON.parse(fs.readFileSync(manifest, "utf8")).name === "pulumi-acr-helm") {
            const compiled = path.join(dir, "dist", "components", "chart", "providerImpl.js");
            if (fs.existsSync(compiled)) return compiled;
            reason += `; ${compiled} does not exist`;
            break;
        }
    }
    throw new Error(
        `the ChartPublication provider's compiled code was not found from ${cwd} (${reason}); ` +
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
