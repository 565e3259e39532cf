import * as path from "path";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Pulumi serializes a dynamic provider as the text of its functions and stores it in state. Serializing the
 * publishing library by value would copy every module it touches, so the provider instead loads the library at
 * run time: through the package name where the program depends on this package, else from this file's folder.
 */
const implementationFile = path.join(__dirname, "providerImpl.js");

function implementation(): typeof import("./providerImpl") {
    try {
        return require("pulumi-acr-helm/provider");
    } catch (error) {
        if ((error as { code?: string }).code !== "MODULE_NOT_FOUND") throw error;
        return require(implementationFile);
    }
}

export const chartArtifactProvider: pulumi.dynamic.ResourceProvider = {
    check: (olds, news) => implementation().check(olds, news),
    diff: (id, olds, news) => implementation().diff(id, olds, news),
    create: (inputs) => implementation().create(inputs),
    update: (id, olds, news) => implementation().update(id, olds, news),
    read: (id, props) => implementation().read(id, props ?? {}),
    delete: (id, props) => implementation().remove(id, props),
};
