import * as fs from "fs";
import * as path from "path";
import * as YAML from "yaml";
import { repoRoot } from "../support/paths";

/**
 * Reads `stacks/Pulumi.<stack>.yaml` and returns its config the way the Pulumi
 * language host hands it to a program: namespaced keys, strings as they are,
 * structured values (lists, maps, numbers, booleans) as JSON text.
 */
export function readStackFileConfig(stack: string): Record<string, string> {
    const file = path.join(repoRoot, "stacks", `Pulumi.${stack}.yaml`);
    const document = YAML.parse(fs.readFileSync(file, "utf8")) as { config?: Record<string, unknown> };
    const config: Record<string, string> = {};
    for (const [key, value] of Object.entries(document.config ?? {})) {
        config[key] = typeof value === "string" ? value : JSON.stringify(value);
    }
    return config;
}
