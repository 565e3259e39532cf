import { createPublicKey, KeyObject } from "crypto";
import { jwtVerify } from "jose";
import { AccessEntry, AccessTokenSigner } from "./tokenIssuerJwt";
import { SelfSignedCert } from "./registryCerts";

/** What a Bearer token on an /acr/v1 request allows, or why there is none. */
export type AccessCheck = { ok: true } | { ok: false; challenge: string };

/**
 * Checks the registry's own access tokens on the /acr/v1 API the way ACR does (scope per repository and action,
 * a Bearer challenge naming the missing scope), and signs the tokens the stand-in uses towards docker-registry.
 */
export class AcrAccess {
    private readonly publicKey: KeyObject;
    private readonly signer: AccessTokenSigner;

    constructor(
        signing: SelfSignedCert,
        private readonly issuer: string,
        private readonly service: string,
        private readonly realm: () => string,
    ) {
        this.publicKey = createPublicKey(signing.certPem);
        this.signer = new AccessTokenSigner(signing, issuer, service);
    }

    /** Whether `authorization` carries a live token granting `action` on `type:name` (e.g. repository:a/b metadata_read). */
    async check(authorization: string | undefined, type: string, name: string, action: string): Promise<AccessCheck> {
        const scope = `${type}:${name}:${action}`;
        const challenge = (error?: string) =>
            `Bearer realm="${this.realm()}",service="${this.service}",scope="${scope}"${error ? `,error="${error}"` : ""}`;
        if (!authorization?.startsWith("Bearer ")) return { ok: false, challenge: challenge() };
        try {
            const { payload } = await jwtVerify(authorization.slice(7), this.publicKey, { issuer: this.issuer, audience: this.service });
            const access = (payload.access ?? []) as AccessEntry[];
            const granted = access.some((entry) => entry.type === type && entry.name === name && entry.actions.includes(action));
            return granted ? { ok: true } : { ok: false, challenge: challenge("insufficient_scope") };
        } catch {
            return { ok: false, challenge: challenge("invalid_token") };
        }
    }

    /** A short-lived token for the stand-in's own requests to docker-registry. */
    upstreamToken(access: AccessEntry[]): Promise<string> {
        return this.signer.sign("acr-stand-in", access, 60);
    }
}
