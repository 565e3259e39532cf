import { ChartError } from "./errors";
import { goScalarString } from "./goYamlScalars";
import type { YamlMap } from "./helmYaml";

/** A field Go reads into a string: numbers and booleans become their text, as sigs.k8s.io/yaml does. */
export function optionalString(raw: YamlMap, key: string, fileLabel: string): string | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    const converted = goScalarString(value);
    if (converted === undefined)
        throw new ChartError(`${fileLabel}: ${key} must be a string, not a ${Array.isArray(value) ? "list" : "mapping"}.`, fileLabel);
    return converted;
}

export function optionalStringList(raw: YamlMap, key: string, fileLabel: string): string[] | undefined {
    const value = raw[key];
    if (value === undefined || value === null) return undefined;
    const items = Array.isArray(value) ? value.map((item) => (item === null ? "" : goScalarString(item))) : undefined;
    if (!items || items.some((item) => item === undefined)) {
        throw new ChartError(`${fileLabel}: ${key} must be a list of strings.`, fileLabel);
    }
    return items as string[];
}
