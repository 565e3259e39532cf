import { listChartVersions } from "../../components/chart/helmOci/list";
import { parseOciRef } from "../../components/chart/distribution/names";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { parseCommand, REGISTRY_OPTIONS } from "./usage";

/** `acr-helm tags oci://<host>/<namespace>/<name>`: chart versions, highest first. */
export async function tagsCommand(args: string[], io: CliIO): Promise<void> {
    const { values, positionals } = parseCommand(args, REGISTRY_OPTIONS, ["oci://host/namespace/name"]);
    const target = parseOciRef(positionals[0]);
    const versions = await listChartVersions({ ...(await registryConnection(values, io, target.registry)), ...target });
    for (const version of versions) io.out(version);
}
