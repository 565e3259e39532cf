import { parseOciRef } from "../chart/distribution/names";
import { pullChart } from "../chart/helmOci/pull";
import { readCosignPublicKey } from "../chart/signing/cosign/cosignKeys";
import { verifyCosignForms } from "../chart/verify/cosignSignature";
import { identityTrust } from "../chart/verify/cosignIdentity";
import { openRepository } from "../chart/distribution/connection";
import { verifyBundleSignature } from "../chart/signing/sigstore/bundleReferrers";
import type { BundleTrust } from "../chart/signing/sigstore/bundleVerification";
import { verifyNotationSignature } from "../chart/signing/notation/notationVerification";
import { pemCertificates } from "../chart/verify/signatures";
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
        ["    --cosign-pub <file>", "PEM public key to check the cosign signature with (Sigstore bundle or legacy)"],
        ["    --certificate-identity <id>", "keyless: the Sigstore bundle's certificate must name this identity"],
        ["    --certificate-oidc-issuer <url>", "keyless: ... issued to that identity by this OIDC issuer"],
        ["    --trusted-root <file>", "keyless: the Sigstore trusted root JSON (Fulcio CA, timestamp authority) to trust"],
        ["    --notation-ca <file>", "PEM CA certificate(s): check the Notary Project (Notation) signature against them"],
        ...connectionFlags(),
    ],
    notes:
        "Give --keyring, --cosign-pub, the three keyless flags, --notation-ca, or several. A missing signature, another key or identity,\n" +
        "or a changed chart fails the check.",
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
        "certificate-identity": { type: "string" as const },
        "certificate-oidc-issuer": { type: "string" as const },
        "trusted-root": { type: "string" as const },
        "notation-ca": { type: "string" as const },
    };
    const { values, positionals } = parseCommand(args, options, ["oci://host/namespace/name"]);
    const version = stringOption(values, "version");
    if (version === undefined) throw new UsageError("--version is required, e.g. --version 0.1.0");
    const keyringFile = stringOption(values, "keyring");
    const cosignFile = stringOption(values, "cosign-pub");
    const identity = await keylessIdentity(values);
    const notationFile = stringOption(values, "notation-ca");
    const notationCertificates =
        notationFile === undefined
            ? undefined
            : pemCertificates((await readOption("notation-ca", notationFile)).toString("utf8"), `--notation-ca ${notationFile}`);
    if (keyringFile === undefined && cosignFile === undefined && identity === undefined && notationCertificates === undefined) {
        throw new UsageError(
            "give --keyring <public keyring> (Helm provenance), --cosign-pub <PEM public key> (cosign signature) and/or " +
                "--certificate-identity, --certificate-oidc-issuer and --trusted-root (keyless), --notation-ca <PEM CA> (Notation)",
        );
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
    if (identity) {
        const referrer = await verifyBundleSignature(openRepository(connection, target.repository), pulled.digest, identity.trust);
        io.out(
            `Keyless signature verified for ${target.registry}/${target.repository}@${pulled.digest}: Sigstore bundle ${referrer} (${identity.label})`,
        );
    }
    if (notationCertificates !== undefined) {
        const repository = openRepository(connection, target.repository);
        const verified = await verifyNotationSignature(repository, pulled.digest, { trustedCertificates: notationCertificates });
        io.out(
            `Notation signature verified for ${target.registry}/${target.repository}@${pulled.digest}: ${verified.signatureDigest} (signed by ${verified.signer})`,
        );
    }
}

/** The three keyless flags, all or none; the trusted root is checked before any request. */
async function keylessIdentity(
    values: Record<string, string | boolean | undefined>,
): Promise<{ trust: BundleTrust; label: string } | undefined> {
    const flags = ["certificate-identity", "certificate-oidc-issuer", "trusted-root"] as const;
    const given = flags.filter((flag) => stringOption(values, flag) !== undefined);
    if (given.length === 0) return undefined;
    if (given.length < flags.length) {
        throw new UsageError(
            `keyless verification needs ${flags.map((flag) => `--${flag}`).join(", ")} together (missing ${flags
                .filter((flag) => !given.includes(flag))
                .map((flag) => `--${flag}`)
                .join(", ")})`,
        );
    }
    const [subject, issuer, rootFile] = flags.map((flag) => stringOption(values, flag)!);
    const trustedRoot = (await readOption("trusted-root", rootFile)).toString("utf8");
    return { trust: identityTrust({ subject, issuer, trustedRoot }, `--trusted-root ${rootFile}`), label: `${subject} from ${issuer}` };
}

async function readOption(option: string, file: string): Promise<Buffer> {
    try {
        return await fs.readFile(file);
    } catch (error) {
        throw new UsageError(`--${option} ${file} cannot be read (${(error as NodeJS.ErrnoException).code ?? "error"})`);
    }
}
