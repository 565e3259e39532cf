import { parseOciRef } from "../chart/distribution/names";
import { pullChart } from "../chart/helmOci/pull";
import { readCosignPublicKey } from "../chart/signing/cosign/cosignKeys";
import { verifyCosignForms } from "../chart/verify/cosignSignature";
import { SignatureVerificationError } from "../chart/signing/errors";
import { readPgpKeyring } from "../chart/signing/provenance/pgpKeys";
import { verifyProvenance } from "../chart/signing/provenance/provenance";
import { registryConnection } from "./registryOptions";
import type { CliIO } from "./io";
import { CommandHelp, connectionFlags } from "./help";
import { stringOption } from "./signingOptions";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";
import { promises as fs } from "fs";

export const help: CommandHelp = {
    summary: "Pull a chart version and check its Helm provenance and/or its cosign signature; a failed check exits 1.",
    usage: "verify oci://<host>/<namespace>/<name> --version <version> [--keyring <file>] [--cosign-pub <file>] [flags]",
    flags: [
        ["    --version <version>", "the chart version (required)"],
        ["    --keyring <file>", "OpenPGP public keyring to check the Helm provenance file with"],
        ["    --cosign-pub <file>", "PEM public key to check the cosign signature with"],
        ...connectionFlags(),
    ],
    notes: "Give --keyring, --cosign-pub or both. A missing signature, another key, or a changed chart fails the check.",
};

/**
 * `acr-helm verify oci://<host>/<namespace>/<name> --version V [--keyring <file>] [--cosign-pub <file>]`: pulls the
 * chart and checks its Helm provenance (as `helm verify` does) and/or its cosign signature. A failed check exits 1.
 */
export async function verifyCommand(args: string[], io: CliIO): Promise<void> {
    const options = {
        ...REGISTRY_OPTIONS,
        version: { type: "string" as const },
        keyring: { type: "string" as const },
        "cosign-pub": { type: "string" as const },
    };
    const { values, positionals } = parseCommand(args, options, ["oci://host/namespace/name"]);
    const version = stringOption(values, "version");
    if (version === undefined) throw new UsageError("--version is required, e.g. --version 0.1.0");
    const keyringFile = stringOption(values, "keyring");
    const cosignFile = stringOption(values, "cosign-pub");
    if (keyringFile === undefined && cosignFile === undefined) {
        throw new UsageError("give --keyring <public keyring> (Helm provenance) and/or --cosign-pub <PEM public key> (cosign signature)");
    }
    const keyring =
        keyringFile === undefined ? undefined : await readPgpKeyring(await readOption("keyring", keyringFile), `--keyring ${keyringFile}`);
    const cosignKey =
        cosignFile === undefined
            ? undefined
            : readCosignPublicKey((await readOption("cosign-pub", cosignFile)).toString("utf8"), `--cosign-pub ${cosignFile}`);
    const target = parseOciRef(positionals[0]);
    const connection = { ...(await registryConnection(values, io, target.registry)), ...target };
    const pulled = await pullChart({ ...connection, version });
    io.out(`Pulled: ${target.registry}/${target.repository}:${version}`);
    io.out(`Digest: ${pulled.digest}`);
    if (keyring) {
        if (!pulled.provenance)
            throw new SignatureVerificationError(
                "provenance",
                `${target.registry}/${target.repository}:${version} has no provenance file: the chart is not signed`,
            );
        const verified = await verifyProvenance(pulled.provenance.toString("utf8"), pulled, keyring);
        io.out(`Signed by: ${verified.signedBy}`);
        io.out(`Using Key With Fingerprint: ${verified.fingerprint}`);
        io.out(`Chart Hash Verified: ${verified.chartDigest}`);
    }
    if (cosignKey) {
        const verified = await verifyCosignForms(connection, pulled.digest, cosignKey);
        const found = verified.form === "bundle" ? `Sigstore bundle ${verified.detail}` : `legacy signature for ${verified.detail}`;
        io.out(
            `Cosign signature verified for ${target.registry}/${target.repository}@${pulled.digest}: ${found} (key sha256:${verified.fingerprint})`,
        );
    }
}

async function readOption(option: string, file: string): Promise<Buffer> {
    try {
        return await fs.readFile(file);
    } catch (error) {
        throw new UsageError(`--${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
}
