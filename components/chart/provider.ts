import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi serializes a dynamic provider as the text of its functions and stores it in state. Serializing the
 * publishing library by value would copy every module it touches, so the provider instead loads the library at
 * run time: through the package name where the program depends on this package, else from this file's folder.
 */
const implementationFile = path.join(__dirname, "providerImpl.js");

function implementation(): typeof import("./providerImpl") {
    const reasons: string[] = [];
    for (const candidate of ["pulumi-acr-helm/provider", implementationFile]) {
        try {
            return require(candidate);
        } catch (error) {
            if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
            reasons.push((error as Error).message.split("\n")[0]);
        }
    }
    throw new Error(`the ChartPublication provider's compiled code was not found (${reasons.join("; ")}); run 'npm run build' in the pulumi-acr-helm package`);
}

export const chartArtifactProvider: pulumi.dynamic.ResourceProvider = {
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    update: (id, olds, news) => implementation().update(id, olds, news),
    read: (id, props) => implementation().read(id, props ?? {}),
    delete: (id, props) => implementation().remove(id, props),
};
