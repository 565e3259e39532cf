import * as fs from "fs";
import { CIContextProvider, IdentityProvider } from "@sigstore/sign";
import { SigningKeyError } from "../errors";

/**
 * Where the OIDC identity token that Fulcio binds the certificate to comes from:
 * - `github-actions`: the job's token (ACTIONS_ID_TOKEN_REQUEST_URL/TOKEN, set by `permissions: id-token: write`);
 * - `file`: a file holding the token (a mounted projected service-account token, a CI secret file);
 * - `environment`: an environment variable holding the token (e.g. SIGSTORE_ID_TOKEN).
 */
export type IdentityTokenSource =
    | { readonly kind: "github-actions"; readonly audience?: string }
    | { readonly kind: "file"; readonly path: string }
    | { readonly kind: "environment"; readonly variable: string };

/** The input named in errors about the token. */
export const IDENTITY_TOKEN_INPUT = "signing.keyless.identityToken";

const JWT = /^[A-Za-z0-9_-]+\.([A-Za-z0-9_-]+)\.[A-Za-z0-9_-]+$/;

/**
 * An identity provider that checks each token is a JWT with a subject before Fulcio's client sees it (that client puts
 * an unparseable token into its error message) and remembers the tokens it handed out, so errors can be scrubbed.
 * Error messages name the source, never the token.
 */
export class CheckedIdentityProvider implements IdentityProvider {
    private readonly handedOut = new Set<string>();

    constructor(readonly source: IdentityTokenSource) {}

    async getToken(): Promise<string> {
        const token = (await this.read()).trim();
        this.handedOut.add(token);
        checkJwt(token, describe(this.source));
        return token;
    }

    /** `text` with every token this provider read replaced by "[redacted]". */
    redact(text: string): string {
        let result = text;
        for (const token of this.handedOut) if (token) result = result.split(token).join("[redacted]");
        return result;
    }

    private async read(): Promise<string> {
        const source = this.source;
        if (source.kind === "file") {
            try {
                return fs.readFileSync(source.path, "utf8");
            } catch (error) {
                throw new SigningKeyError(
                    IDENTITY_TOKEN_INPUT,
                    `cannot read the identity token file ${source.path} (${(error as NodeJS.ErrnoException).code})`,
                );
            }
        }
        if (source.kind === "environment") {
            const value = process.env[source.variable];
            if (!value) throw new SigningKeyError(IDENTITY_TOKEN_INPUT, `the environment variable ${source.variable} is not set or empty`);
            return value;
        }
        if (!process.env.ACTIONS_ID_TOKEN_REQUEST_URL || !process.env.ACTIONS_ID_TOKEN_REQUEST_TOKEN) {
            throw new SigningKeyError(
                IDENTITY_TOKEN_INPUT,
                "ACTIONS_ID_TOKEN_REQUEST_URL and ACTIONS_ID_TOKEN_REQUEST_TOKEN are not set: run in a GitHub Actions job with `permissions: id-token: write`",
            );
        }
        try {
            return await new CIContextProvider(source.audience ?? "sigstore").getToken();
        } catch {
            // What CIContextProvider rejects with carries no detail worth showing (and no token).
            throw new SigningKeyError(IDENTITY_TOKEN_INPUT, "GitHub Actions did not hand out an OIDC token (ACTIONS_ID_TOKEN_REQUEST_URL)");
        }
    }
}

function describe(source: IdentityTokenSource): string {
    if (source.kind === "file") return `the identity token in ${source.path}`;
    if (source.kind === "environment") return `the identity token in $${source.variable}`;
    return "the GitHub Actions OIDC token";
}

/** Fails unless `token` is a JWT whose payload has a subject (`sub`, or a verified `email`) and has not expired. */
export function checkJwt(token: string, what: string): void {
    const payloadPart = JWT.exec(token)?.[1];
    let payload: { sub?: unknown; email?: unknown; email_verified?: unknown; exp?: unknown } | undefined;
    try {
        payload = payloadPart ? (JSON.parse(Buffer.from(payloadPart, "base64url").toString("utf8")) as typeof payload) : undefined;
    } catch {
        payload = undefined;
    }
    if (typeof payload !== "object" || payload === null) throw new SigningKeyError(IDENTITY_TOKEN_INPUT, `${what} is not a JWT`);
    if (typeof payload.email === "string" ? payload.email_verified !== true : typeof payload.sub !== "string") {
        throw new SigningKeyError(IDENTITY_TOKEN_INPUT, `${what} has no subject (a "sub" claim, or an "email" with "email_verified")`);
    }
    if (typeof payload.exp === "number" && payload.exp * 1000 <= Date.now()) {
        throw new SigningKeyError(IDENTITY_TOKEN_INPUT, `${what} expired at ${new Date(payload.exp * 1000).toISOString()}`);
    }
}
