import { parseRegistryNamespace } from "../chart/catalog/registryRef";
import { searchCharts } from "../chart/catalog/search";
import { formatStructured, formatTable, outputFormat } from "./outputFormat";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS } from "./usage";

export const help: CommandHelp = {
    summary: "List the charts in a registry, or under one namespace, whose path, description or keywords match a keyword.",
    usage: "search oci://<host>[/<namespace>] [<keyword>] [flags]",
    flags: [
        ["    --versions", "list every version, not only the highest"],
        ["-o, --output table|json|yaml", "the output format (default: table)"],
        ...connectionFlags(),
    ],
};

/** `acr-helm search oci://<registry>[/<namespace>] [KEYWORD] [--versions] [-o table|json|yaml]`, like `helm search repo`. */
export async function searchCommand(args: string[], io: CliIO): Promise<void> {
    const options = { ...REGISTRY_OPTIONS, versions: { type: "boolean" as const }, output: { type: "string" as const, short: "o" } };
    const { values, positionals } = parseCommand(args, options, ["oci://host[/namespace]", "keyword"], 1);
    const format = outputFormat(values.output);
    const { registry, namespace } = parseRegistryNamespace(positionals[0]);
    const connection = await registryConnection(values, io, registry);
    const result = await searchCharts({
        ...connection,
        registry,
        namespace,
        keyword: positionals[1],
        allVersions: values.versions === true,
    });
    const rows = result.charts.map((chart) => ({
        name: chart.name,
        version: chart.version,
        app_version: chart.appVersion,
        description: chart.description,
        ref: chart.ref,
        digest: chart.digest,
    }));
    if (format !== "table") {
        io.out(formatStructured(rows, format));
    } else if (rows.length === 0) {
        io.out("No results found");
    } else {
        io.out(
            formatTable([
                ["NAME", "CHART VERSION", "APP VERSION", "DESCRIPTION"],
                ...rows.map((row) => [row.name, row.version, row.app_version, row.description]),
            ]),
        );
    }
    const broken = result.skipped.filter((skip) => skip.code !== "NOT_A_CHART" && skip.code !== "NO_VERSIONS");
    for (const skip of broken) io.err(`Warning: skipped ${registry}/${skip.repository}: ${skip.reason}`);
    const where = `oci://${registry}${namespace ? `/${namespace}` : ""}`;
    if (result.repositories === 0)
        io.err(`Note: the registry lists no repositories under ${where}; check the namespace, or push a chart there first.`);
    else if (result.charts.length === 0 && !positionals[1])
        io.err(`Note: none of the ${result.repositories} repositories under ${where} holds a Helm chart.`);
}
