import { createRequire } from "module";
import type * as pulumi from "@pulumi/pulumi";

/**
 * Loads a serialized dynamic provider exactly as Pulumi's dynamic provider host does
 * (`@pulumi/pulumi/cmd/dynamic-provider`: `requireFromString(text).handler()`), using the same
 * require-from-string module it resolves.
 */
export function loadSerializedProvider(text: string): pulumi.dynamic.ResourceProvider {
    const hostRequire = createRequire(require.resolve("@pulumi/pulumi/cmd/dynamic-provider/index.js"));
    const requireFromString = hostRequire("require-from-string") as (code: string) => { handler: () => pulumi.dynamic.ResourceProvider };
    return requireFromString(text).handler();
}
