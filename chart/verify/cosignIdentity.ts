import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial } from "@sigstore/verify";
import { SigningKeyError } from "../signing/errors";
import type { BundleTrust } from "../signing/sigstore/bundleVerification";

/** A keyless signer a chart must be signed by: its certificate's identity, its OIDC issuer, and the CA that issued it. */
export interface CosignIdentity {
    /** The certificate's subject alternative name, exactly: e.g. a GitHub workflow `https://github.com/<org>/<repo>/.github/workflows/<file>@<ref>`. */
    readonly subject: string;
    /** The OIDC issuer the identity came from, e.g. `https://token.actions.githubusercontent.com`. */
    readonly issuer: string;
    /** The Sigstore trusted root (JSON) holding the Fulcio CA, and any timestamp authority, to trust. */
    readonly trustedRoot: string;
}

/** The bundle trust an identity requirement stands for; a trusted root that cannot be used fails naming `input`. */
export function identityTrust(identity: CosignIdentity, input: string): BundleTrust {
    let root: TrustedRoot;
    try {
        root = TrustedRoot.fromJSON(JSON.parse(identity.trustedRoot) as unknown);
    } catch (error) {
        throw new SigningKeyError(`${input}.trustedRoot`, `is not a Sigstore trusted root in JSON (${(error as Error).message})`);
    }
    if (root.certificateAuthorities.length === 0) {
        throw new SigningKeyError(`${input}.trustedRoot`, "names no certificate authority (Fulcio) to check certificates against");
    }
    return {
        kind: "certificate",
        trustMaterial: toTrustMaterial(root),
        policy: { subjectAlternativeName: identity.subject, extensions: { issuer: identity.issuer } },
    };
}
