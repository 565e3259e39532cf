import { randomUUID, sign as rsaSign } from "crypto";
import { importPKCS8, importSPKI, jwtVerify, SignJWT } from "jose";
import { pemToX5c, SelfSignedCert } from "./registryCerts";

export interface AccessEntry {
    type: string;
    name: string;
    actions: string[];
}

/** Parses "repository:ns/app:pull,push"; the name may itself contain ":" (host:port), so split at the ends. */
export function parseScope(scope: string): AccessEntry | undefined {
    const first = scope.indexOf(":");
    const last = scope.lastIndexOf(":");
    if (first < 0 || last <= first) return undefined;
    return {
        type: scope.slice(0, first),
        name: scope.slice(first + 1, last),
        actions: scope
            .slice(last + 1)
            .split(",")
            .filter(Boolean),
    };
}

/** Signs registry access tokens the way distribution v2.8 verifies them: RS256, x5c chain to rootcertbundle, aud = service. */
export class AccessTokenSigner {
    constructor(
        private readonly signing: SelfSignedCert,
        private readonly issuer: string,
        private readonly service: string,
    ) {}

    async sign(subject: string, access: AccessEntry[], ttlSeconds: number): Promise<string> {
        const key = await importPKCS8(pkcs8Of(this.signing.keyPem), "RS256");
        const now = Math.floor(Date.now() / 1000);
        return new SignJWT({ access })
            .setProtectedHeader({ alg: "RS256", typ: "JWT", x5c: [pemToX5c(this.signing.certPem)] })
            .setIssuer(this.issuer)
            .setSubject(subject)
            .setAudience(this.service)
            .setIssuedAt(now)
            .setNotBefore(now - 5)
            .setExpirationTime(now + ttlSeconds)
            .setJti(randomUUID())
            .sign(key);
    }
}

/** An ACR-shaped refresh token: a JWT (RS256) whose payload names the user and carries exp, as ACR's do. */
export function signRefreshToken(signing: SelfSignedCert, issuer: string, service: string, subject: string, ttlSeconds: number): string {
    const now = Math.floor(Date.now() / 1000);
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    const head = encode({ alg: "RS256", typ: "JWT" });
    const payload = encode({
        jti: randomUUID(),
        sub: subject,
        iss: issuer,
        aud: service,
        grant_type: "refresh_token",
        iat: now,
        nbf: now,
        exp: now + ttlSeconds,
    });
    const signature = rsaSign("RSA-SHA256", Buffer.from(`${head}.${payload}`), pkcs8Of(signing.keyPem)).toString("base64url");
    return `${head}.${payload}.${signature}`;
}

/** openssl writes PKCS#8 ("BEGIN PRIVATE KEY") already; kept as a function to fail clearly otherwise. */
function pkcs8Of(keyPem: string): string {
    if (!keyPem.includes("BEGIN PRIVATE KEY")) throw new Error("signing key must be PKCS#8 PEM");
    return keyPem;
}

/** Entra audiences of ACR's data plane; the ARM ones only while a registry allows ARM-audience tokens. */
export const ACR_TOKEN_AUDIENCE = "https://containerregistry.azure.net";
export const ARM_TOKEN_AUDIENCES = ["https://management.azure.com/", "https://management.core.windows.net/"];

/** Verifies an "Azure AD" access token signed by the test tenant key and for one of `audiences`; returns its object id. */
export async function verifyAadToken(token: string, publicKeyPem: string, tenantId: string, audiences: string[]): Promise<string> {
    const key = await importSPKI(publicKeyPem, "RS256");
    const { payload } = await jwtVerify(token, key, { issuer: `https://sts.windows.net/${tenantId}/`, audience: audiences });
    if (typeof payload.oid !== "string") throw new Error("AAD token has no oid claim");
    return payload.oid;
}

/** Makes an AAD-like access token for tests (what `az account get-access-token` would return). */
export async function signAadToken(
    privateKeyPem: string,
    tenantId: string,
    objectId: string,
    ttlSeconds = 3600,
    audience = ACR_TOKEN_AUDIENCE,
): Promise<string> {
    const key = await importPKCS8(privateKeyPem, "RS256");
    const now = Math.floor(Date.now() / 1000);
    return new SignJWT({ oid: objectId, tid: tenantId })
        .setProtectedHeader({ alg: "RS256", typ: "JWT" })
        .setIssuer(`https://sts.windows.net/${tenantId}/`)
        .setAudience(audience)
        .setIssuedAt(now)
        .setExpirationTime(now + ttlSeconds)
        .sign(key);
}
