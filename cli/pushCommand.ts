import { packageChart } from "../chart/packaging/package";
import { pushChart } from "../chart/helmOci/push";
import { chartRepository } from "../chart/helmOci/reference";
import { parseOciRef } from "../chart/distribution/names";
import { pushCosignSignature } from "../chart/signing/cosign/cosignRegistry";
import { signCosignPayload } from "../chart/signing/cosign/cosignSignature";
import { openRepository } from "../chart/distribution/connection";
import { attachBundle, ensureBundleSignature } from "../chart/signing/sigstore/ensureBundle";
import { signProvenance } from "../chart/signing/provenance/provenance";
import { publishedProvenance } from "../chart/signing/provenance/publishedProvenance";
import { printChartWarnings } from "./chartWarnings";
import { registryConnection } from "./registryOptions";
import { readSigningKeys, SIGNING_OPTIONS } from "./signingOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";
import { COSIGN_FORMATS, CosignFormat } from "../chart/signing/signingInputs";
import { KEYLESS_FLAGS, KEYLESS_OPTIONS, readKeylessOptions } from "./keylessOptions";
import { signManifestKeyless } from "../chart/signing/sigstore/keylessSigner";
import { rfc3339Seconds } from "../chart/signing/signingTime";

export const help: CommandHelp = {
    summary: "Package a chart directory (or take a .tgz made by helm package), sign it when asked, and push it.",
    usage: "push <chart-dir|chart.tgz> oci://<host>/<namespace> [flags]",
    flags: [
        ["    --allow-overwrite", "replace different content already published under this version"],
        ["    --no-lock", "on Azure Container Registry, leave the pushed version unlocked (writeEnabled true)"],
        ["    --sign", "add a Helm provenance file, signed with --key (checked by helm pull --verify)"],
        ["    --key <file>", "the ASCII-armored OpenPGP secret key for --sign"],
        ["    --key-passphrase-file <file>", "the passphrase of --key"],
        ["    --cosign-key <file>", "add a cosign signature made with this PEM private key, in the --cosign-format forms"],
        [
            "    --cosign-format <forms>",
            "bundle (Sigstore bundle referrer, cosign v3), legacy (sha256-<hex>.sig), or bundle,legacy (default)",
        ],
        ["    --cosign-passphrase-file <file>", "the passphrase of --cosign-key"],
        ...KEYLESS_FLAGS,
        ...connectionFlags(),
    ],
    notes:
        "On Azure Container Registry (*.azurecr.io) a pushed version is locked (writeEnabled false) so that no later\n" +
        "push can replace it; --allow-overwrite unlocks it before replacing it.",
};

/**
 * `acr-helm push <chart> oci://<host>/<namespace> [--sign --key <file>] [--cosign-key <file>]`: packages a
 * directory (or takes a .tgz), signs it when asked, and publishes it.
 */
export async function pushCommand(args: string[], io: CliIO): Promise<void> {
    const options = {
        ...REGISTRY_OPTIONS,
        ...SIGNING_OPTIONS,
        "allow-overwrite": { type: "boolean" as const },
        "no-lock": { type: "boolean" as const },
        "cosign-format": { type: "string" as const },
        ...KEYLESS_OPTIONS,
    };
    const { values, positionals } = parseCommand(args, options, ["chart", "oci://host/namespace"]);
    const target = parseOciRef(positionals[1]);
    const keys = await readSigningKeys(values);
    const cosignForms = readCosignForms(values["cosign-format"], keys.cosign !== undefined);
    const keyless = readKeylessOptions(values);
    const packaged = await packageChart(positionals[0]);
    printChartWarnings(packaged);
    const repository = chartRepository(target.repository, packaged.metadata.name);
    const connection = { ...(await registryConnection(values, io, target.registry)), registry: target.registry };
    const provenance = keys.pgp
        ? ((await publishedProvenance({ ...connection, repository }, packaged, keys.pgp)) ?? (await signProvenance(packaged, keys.pgp)))
        : undefined;
    const pushed = await pushChart({
        ...connection,
        repository,
        chart: { ...packaged, provenance: provenance === undefined ? undefined : Buffer.from(provenance, "utf8") },
        allowOverwrite: values["allow-overwrite"] === true,
        lockAfterPush: values["no-lock"] === true ? false : "auto",
    });
    io.out(`Pushed: ${target.registry}/${repository}:${pushed.tag}`);
    io.out(`Digest: ${pushed.digest}`);
    if (keys.pgp) io.out(`Provenance: signed by key ${keys.pgp.fingerprint} (${keys.pgp.key.getUserIDs()[0] ?? "no user id"})`);
    if (keys.cosign && cosignForms.includes("bundle")) {
        const stored = await ensureBundleSignature(openRepository(connection, repository), pushed.digest, keys.cosign);
        io.out(`Cosign bundle: ${target.registry}/${repository}@${stored.digest} (${stored.pushed ? "pushed" : "already there"})`);
    }
    if (keys.cosign && cosignForms.includes("legacy")) {
        const signature = signCosignPayload(`${target.registry}/${repository}`, pushed.digest, keys.cosign);
        const stored = await pushCosignSignature(
            { ...connection, repository, manifestDigest: pushed.digest },
            signature,
            keys.cosign.privateKey,
        );
        io.out(
            `Cosign signature: ${target.registry}/${repository}:${pushed.digest.replace(":", "-")}.sig (${stored.pushed ? "pushed" : "already there"})`,
        );
    }
    if (keyless) {
        // A new certificate and signature each time: keyless signing is not repeated idempotently.
        const bundle = await signManifestKeyless(pushed.digest, keyless);
        const created = rfc3339Seconds(new Date());
        const stored = await attachBundle(openRepository(connection, repository), pushed.digest, bundle, created);
        io.out(`Keyless bundle: ${target.registry}/${repository}@${stored.digest} (pushed)`);
    }
    if (pushed.locked) io.out("Locked: the version cannot be overwritten or deleted until it is unlocked (writeEnabled true)");
}

/** --cosign-format: a comma-separated list of bundle and legacy; both when not given. */
function readCosignForms(value: string | boolean | undefined, hasKey: boolean): CosignFormat[] {
    if (value === undefined) return [...COSIGN_FORMATS];
    if (!hasKey) throw new UsageError("--cosign-format is given without --cosign-key");
    const forms = String(value)
        .split(",")
        .map((form) => form.trim());
    const unknown = forms.filter((form) => !COSIGN_FORMATS.includes(form as CosignFormat));
    if (unknown.length > 0 || forms.length === 0) {
        throw new UsageError(`--cosign-format ${String(value)}: use bundle, legacy or bundle,legacy`);
    }
    return [...new Set(forms as CosignFormat[])];
}
