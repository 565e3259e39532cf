import { copyChartVersion } from "../chart/copy/copyChartVersion";
import { openRepository } from "../chart/distribution/connection";
import { parseOciRef } from "../chart/distribution/names";
import { chartRepository } from "../chart/helmOci/reference";
import { connectionSettings, readCredentials } from "./registryOptions";
import { readStoredLogin } from "./login/loginStore";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";

export const help: CommandHelp = {
    summary:
        "Copy a chart version, with its provenance and cosign signatures, to another registry or namespace; the digest stays the same.",
    usage: "copy oci://<source>/<namespace>/<name> --version <version> oci://<destination>/<namespace> [flags]",
    flags: [
        ["    --version <version>", "the chart version (required)"],
        ["    --digest sha256:<hex>", "copy exactly this manifest, even if the source tag has moved since"],
        ...connectionFlags(),
    ],
    notes: "Credentials given on the command line serve both registries; without them each registry's stored login is used.",
};

/**
 * `acr-helm copy oci://<src>/<namespace>/<chart> --version V oci://<dst>/<namespace> [--digest sha256:...]`: promotes
 * a chart version with its digest unchanged. Credentials given on the command line serve both registries; without
 * them each registry's stored login is used (`acr-helm login` to each first).
 */
export async function copyCommand(args: string[], io: CliIO): Promise<void> {
    const options = { ...REGISTRY_OPTIONS, version: { type: "string" as const }, digest: { type: "string" as const } };
    const { values, positionals } = parseCommand(args, options, ["oci://source/namespace/name", "oci://destination/namespace"]);
    if (typeof values.version !== "string") throw new UsageError("--version is required, e.g. --version 0.1.0");
    const source = parseOciRef(positionals[0]);
    const target = parseOciRef(positionals[1]);
    const name = source.repository.split("/").pop()!;
    const given = await readCredentials(values, io);
    const settings = await connectionSettings(values);
    const credentialsFor = async (registry: string) => given ?? (await readStoredLogin(registry, { env: io.env }))?.credentials;
    const result = await copyChartVersion({
        source: openRepository(
            { ...settings, registry: source.registry, credentials: await credentialsFor(source.registry) },
            source.repository,
        ),
        destination: openRepository(
            { ...settings, registry: target.registry, credentials: await credentialsFor(target.registry) },
            chartRepository(target.repository, name),
        ),
        version: values.version,
        digest: typeof values.digest === "string" ? values.digest : undefined,
        timeouts: settings,
    });
    const { uploaded, mounted, present } = result.blobs;
    io.out(`${result.manifestCopied ? "Copied" : "Already present"}: ${result.ref.replace(/^oci:\/\//, "")}:${result.tag}`);
    io.out(`Digest: ${result.digest}`);
    io.out(`Blobs: ${uploaded} uploaded, ${mounted} mounted, ${present} already there`);
    for (const signature of result.signatures) {
        const what = { copied: "copied", present: "already there", kept: "kept: the destination holds other content under this tag" }[
            signature.outcome
        ];
        io.out(`Signature ${signature.tag}: ${what}`);
    }
}
