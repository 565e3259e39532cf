import { SHOW_WHAT, ShowWhat, showChart } from "../chart/catalog/showChart";
import { parseOciRef } from "../chart/distribution/names";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";

export const help: CommandHelp = {
    summary: "Print a chart's Chart.yaml, values, README, CRDs or all of them, as helm show does.",
    usage: "show chart|values|readme|crds|all oci://<host>/<namespace>/<name> [--version <version>] [flags]",
    flags: [["    --version <version>", "the chart version (default: the highest)"], ...connectionFlags()],
};

/** `acr-helm show chart|values|readme|crds|all oci://<host>/<namespace>/<name> [--version V]`, as `helm show` prints them. */
export async function showCommand(args: string[], io: CliIO): Promise<void> {
    const options = { ...REGISTRY_OPTIONS, version: { type: "string" as const } };
    const { values, positionals } = parseCommand(args, options, ["chart|values|readme|crds|all", "oci://host/namespace/name"]);
    const what = positionals[0] as ShowWhat;
    if (!SHOW_WHAT.includes(what)) throw new UsageError(`show takes one of ${SHOW_WHAT.join(", ")} (got "${positionals[0]}")`);
    const target = parseOciRef(positionals[1]);
    const version = typeof values.version === "string" ? values.version : undefined;
    const text = await showChart({ ...(await registryConnection(values, io, target.registry)), ...target, version, what });
    if (text !== "") io.out(text.replace(/\n$/, ""));
}
