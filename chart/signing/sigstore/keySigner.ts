import { sign as signData } from "node:crypto";
import type { Signer } from "@sigstore/sign";
import type { CosignSigningKey } from "../cosign/cosignKeys";

/**
 * A Sigstore signer over a cosign key: ECDSA P-256 with SHA-256, DER signatures. The key hint stays empty, as
 * cosign leaves it: a DSSE verifier skips a signature whose key id differs from the one it computes itself.
 */
export function keySigner(key: CosignSigningKey): Signer {
    return {
        sign: async (data: Buffer) => ({
            signature: signData("sha256", data, key.privateKey),
            key: { $case: "publicKey", publicKey: key.publicKeyPem, hint: "" },
        }),
    };
}
