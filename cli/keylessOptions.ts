import type { KeylessSigningOptions } from "../chart/signing/sigstore/keylessSigner";
import { stringOption } from "./signingOptions";
import { UsageError } from "./usage";

/** Flags of keyless signing: a Fulcio certificate for an OIDC identity instead of a key. */
export const KEYLESS_OPTIONS = {
    keyless: { type: "boolean" as const },
    "identity-token-file": { type: "string" as const },
    "identity-token-env": { type: "string" as const },
    "fulcio-url": { type: "string" as const },
    "timestamp-url": { type: "string" as const },
};

export const KEYLESS_FLAGS: [string, string][] = [
    ["    --keyless", "add a Sigstore bundle signed with a short-lived Fulcio certificate for your OIDC identity"],
    ["    --identity-token-file <file>", "the OIDC token for --keyless (default: GitHub Actions' token, audience sigstore)"],
    ["    --identity-token-env <name>", "... or the environment variable holding it"],
    ["    --fulcio-url <url>", "Fulcio for --keyless (default https://fulcio.sigstore.dev)"],
    ["    --timestamp-url <url>", "an RFC 3161 timestamp authority for --keyless, so the signature outlives its certificate"],
];

/** The keyless signing the flags ask for, or undefined without --keyless; companion flags alone are usage errors. */
export function readKeylessOptions(values: Record<string, string | boolean | undefined>): KeylessSigningOptions | undefined {
    const companions = ["identity-token-file", "identity-token-env", "fulcio-url", "timestamp-url"] as const;
    if (values.keyless !== true) {
        const stray = companions.find((flag) => values[flag] !== undefined);
        if (stray) throw new UsageError(`--${stray} is given without --keyless`);
        return undefined;
    }
    const file = stringOption(values, "identity-token-file");
    const variable = stringOption(values, "identity-token-env");
    if (file !== undefined && variable !== undefined) throw new UsageError("give --identity-token-file or --identity-token-env, not both");
    return {
        identityToken:
            file !== undefined
                ? { kind: "file", path: file }
                : variable !== undefined
                  ? { kind: "environment", variable }
                  : { kind: "github-actions" },
        fulcioUrl: stringOption(values, "fulcio-url"),
        timestampAuthorityUrl: stringOption(values, "timestamp-url"),
    };
}
