import { parse, stringify } from "yaml";
import { chartConfigJson } from "../../helmOci/chartConfig";
import type { ChartMetadata } from "../../model/chartfile";
import { sha256Digest } from "../../distribution/digest";

/** The archive file name Helm gives a pulled chart, and the key of its checksum in the provenance file. */
export function archiveFileName(metadata: ChartMetadata): string {
    return `${metadata.name}-${metadata.version}.tgz`;
}

/**
 * The text Helm clear-signs (pkg/provenance `messageBlock`): the chart's metadata as YAML (Helm marshals its
 * Metadata struct through sigs.k8s.io/yaml: the JSON fields, keys sorted), the YAML document end marker `...`, then
 * `files:` mapping the archive's file name to its SHA-256. Helm verifies the signature and the checksum; it parses
 * the metadata but does not compare it.
 */
export function provenanceMessage(metadata: ChartMetadata, archive: Buffer): string {
    const fields = JSON.parse(chartConfigJson(metadata).toString("utf8")) as Record<string, unknown>;
    const metadataYaml = yamlOf(fields);
    const files = yamlOf({ files: { [archiveFileName(metadata)]: sha256Digest(archive) } });
    return `${metadataYaml}\n...\n${files}`;
}

function yamlOf(value: unknown): string {
    const text = stringify(value, { sortMapEntries: true, version: "1.1", lineWidth: 0, indentSeq: false });
    return text.split("\n").map(foldLikeGoYaml).join("\n");
}

/** Helm's YAML library (go-yaml v2) breaks a long plain scalar at the first space past column 80. */
const GO_YAML_WIDTH = 80;

/** Folds a top-level `key: plain value` line as go-yaml does; other lines stay as they are. */
function foldLikeGoYaml(line: string): string {
    const entry = /^([A-Za-z][\w-]*: )([^\s"'{[|>&*!%@`#-].*)$/.exec(line);
    if (!entry || line.length <= GO_YAML_WIDTH) return line;
    let out = entry[1];
    let column = out.length;
    const value = entry[2];
    for (let i = 0; i < value.length; i++) {
        const char = value[i];
        if (char === " " && column > GO_YAML_WIDTH && value[i - 1] !== " " && value[i + 1] !== " ") {
            out += "\n  ";
            column = 2;
        } else {
            out += char;
            column++;
        }
    }
    return out;
}

/** The checksums a signed provenance message lists, by file name (Helm's `SumCollection.files`); empty when absent. */
export function provenanceChecksums(message: string): Record<string, string> {
    const parts = message.replace(/\r\n/g, "\n").split("\n...\n");
    if (parts.length < 2) return {};
    let sums: unknown;
    try {
        sums = parse(parts[1], { version: "1.1" });
    } catch {
        return {};
    }
    const files = (sums as { files?: unknown } | null)?.files;
    if (typeof files !== "object" || files === null || Array.isArray(files)) return {};
    return Object.fromEntries(Object.entries(files).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
}
