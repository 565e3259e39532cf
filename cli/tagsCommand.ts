import { listChartVersions } from "../chart/helmOci/list";
import { parseOciRef } from "../chart/distribution/names";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS } from "./usage";

export const help: CommandHelp = {
    summary: "List the versions of a chart, highest first.",
    usage: "tags oci://<host>/<namespace>/<name> [flags]",
    flags: connectionFlags(),
};

/** `acr-helm tags oci://<host>/<namespace>/<name>`: chart versions, highest first. */
export async function tagsCommand(args: string[], io: CliIO): Promise<void> {
    const { values, positionals } = parseCommand(args, REGISTRY_OPTIONS, ["oci://host/namespace/name"]);
    const target = parseOciRef(positionals[0]);
    const versions = await listChartVersions({ ...(await registryConnection(values, io, target.registry)), ...target });
    for (const version of versions) io.out(version);
}
