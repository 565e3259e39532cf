import * as fs from "fs";
import { registerResourcePackage } from "@pulumi/pulumi/runtime/rpc";

/**
 * A program hands `construct` its Kubernetes provider as a resource reference. The SDK turns a reference into a
 * live provider only for a package registered before the inputs are read; registering here, with the version
 * `@pulumi/kubernetes` itself registers, defers loading that (large) SDK until a reference is actually read.
 */
export function acceptKubernetesProviderReferences(): void {
    const manifest = require.resolve("@pulumi/kubernetes/package.json");
    const { version } = JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string };
    registerResourcePackage("kubernetes", {
        version,
        constructProvider: (name, type, urn) => {
            const kubernetes = require("@pulumi/kubernetes") as typeof import("@pulumi/kubernetes");
            if (type !== "pulumi:providers:kubernetes") throw new Error(`unknown provider type ${type}`);
            return new kubernetes.Provider(name, undefined, { urn });
        },
    });
}
