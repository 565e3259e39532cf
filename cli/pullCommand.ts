import { promises as fs } from "fs";
import * as path from "path";
import { pullChart } from "../chart/helmOci/pull";
import { parseOciRef } from "../chart/distribution/names";
import { extractChartArchive, pathInside } from "../chart/load/extract";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";

export const help: CommandHelp = {
    summary: "Download a chart version as <name>-<version>.tgz, or unpacked with --untar (as helm pull does).",
    usage: "pull oci://<host>/<namespace>/<name> --version <version> [flags]",
    flags: [
        ["    --version <version>", "the chart version (required)"],
        ["-d, --destination <dir>", "where to write the chart (default: the current directory)"],
        ["    --untar", "unpack the chart into <dir>/<name>/ instead of writing the .tgz"],
        ...connectionFlags(),
    ],
};

/** `acr-helm pull oci://<host>/<namespace>/<name> --version V [-d dir] [--untar]`, as `helm pull` does. */
export async function pullCommand(args: string[], io: CliIO): Promise<void> {
    const options = {
        ...REGISTRY_OPTIONS,
        version: { type: "string" as const },
        destination: { type: "string" as const, short: "d" },
        untar: { type: "boolean" as const },
    };
    const { values, positionals } = parseCommand(args, options, ["oci://host/namespace/name"]);
    if (typeof values.version !== "string") throw new UsageError("--version is required, e.g. --version 0.1.0");
    const target = parseOciRef(positionals[0]);
    const pulled = await pullChart({ ...(await registryConnection(values, io, target.registry)), ...target, version: values.version });
    const destination = path.resolve(typeof values.destination === "string" ? values.destination : ".");
    await fs.mkdir(destination, { recursive: true });
    // pullChart has checked the name and version; pathInside keeps every write inside -d regardless.
    if (values.untar === true) {
        await extractChartArchive(pulled.archive, destination, pulled.metadata.name);
    } else {
        await fs.writeFile(pathInside(destination, `${pulled.metadata.name}-${pulled.metadata.version}.tgz`), pulled.archive);
    }
    io.out(`Pulled: ${target.registry}/${target.repository}:${values.version}`);
    io.out(`Digest: ${pulled.digest}`);
}
