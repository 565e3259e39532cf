import { packageChart } from "../../components/chart/package";
import { pushChart } from "../../components/chart/helmOci/push";
import { chartRepository } from "../../components/chart/helmOci/reference";
import { parseOciRef } from "../../components/chart/distribution/names";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./run";
import { parseCommand, REGISTRY_OPTIONS } from "./usage";

/** `acr-helm push <chart> oci://<host>/<namespace>`: packages a directory (or takes a .tgz) and publishes it. */
export async function pushCommand(args: string[], io: CliIO): Promise<void> {
    const options = { ...REGISTRY_OPTIONS, "allow-overwrite": { type: "boolean" as const }, "no-lock": { type: "boolean" as const } };
    const { values, positionals } = parseCommand(args, options, ["chart", "oci://host/namespace"]);
    const target = parseOciRef(positionals[1]);
    const chart = await packageChart(positionals[0]);
    const repository = chartRepository(target.repository, chart.metadata.name);
    const pushed = await pushChart({
        ...(await registryConnection(values, io)),
        registry: target.registry,
        repository,
        chart,
        allowOverwrite: values["allow-overwrite"] === true,
        lockAfterPush: values["no-lock"] === true ? false : "auto",
    });
    io.out(`Pushed: ${target.registry}/${repository}:${pushed.tag}`);
    io.out(`Digest: ${pushed.digest}`);
    if (pushed.locked) io.out("Locked: the version cannot be overwritten or deleted until it is unlocked (writeEnabled true)");
}
