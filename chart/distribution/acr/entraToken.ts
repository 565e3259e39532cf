import { OciError } from "../errors";
import { ErrorContext } from "../errorMessages";
import { CachedToken, jwtClaims } from "../auth/tokens";

/**
 * The audience ACR accepts from Entra ID on every registry, including those that refuse ARM-audience tokens
 * (azureADAuthenticationAsArmPolicy disabled); @azure/container-registry asks for it by default.
 */
export const ACR_AUDIENCE = "https://containerregistry.azure.net";

/** ACR's exchanged refresh tokens live three hours (Microsoft's JS client, containerRegistryTokenCredential.ts). */
const REFRESH_TOKEN_LIFETIME_MS = 3 * 60 * 60 * 1000;
/** Renewed this long before the expiry at the latest, so a renewal never races a long push. */
const REFRESH_TOKEN_MARGIN_MS = 5 * 60 * 1000;

/** An ACR refresh token and when to exchange for a new one: its JWT exp, else three hours from now, minus a margin. */
export function refreshTokenFromExchange(token: string, now = Date.now()): CachedToken {
    const exp = jwtClaims(token)?.exp;
    const expiresAt = typeof exp === "number" ? exp * 1000 : now + REFRESH_TOKEN_LIFETIME_MS;
    const lifetime = Math.max(0, expiresAt - now);
    return { token, refreshAt: expiresAt - Math.min(REFRESH_TOKEN_MARGIN_MS, lifetime / 10) };
}

/** "https://x/", "https://x/.default" and "https://x" name one audience. */
export function normalizeAudience(audience: string): string {
    return audience.replace(/\/\.default$/, "").replace(/\/+$/, "");
}

/**
 * Refuses an Entra token whose `aud` is readable and is not the audience the credentials state, before it is
 * sent anywhere: a registry refusing it would only say 401. Opaque tokens are passed on unchecked.
 */
export function checkEntraAudience(accessToken: string, expected: string | undefined, ctx: ErrorContext): void {
    const aud = jwtClaims(accessToken)?.aud;
    const audiences = typeof aud === "string" ? [aud] : Array.isArray(aud) ? aud.filter((a): a is string => typeof a === "string") : [];
    if (audiences.length === 0) return;
    const wanted = normalizeAudience(expected ?? ACR_AUDIENCE);
    if (audiences.some((one) => normalizeAudience(one) === wanted)) return;
    throw new OciError(
        `${ctx.operation} failed: the Azure AD access token for ${ctx.registry} is for audience "${audiences.join(", ")}", ` +
            `not "${wanted}". Request the token for ${ACR_AUDIENCE}/.default (az account get-access-token --resource ` +
            `${ACR_AUDIENCE}), or set credentials.audience to "${audiences[0]}" if this registry accepts that audience ` +
            `(ARM-audience tokens work only while the registry's azureADAuthenticationAsArmPolicy is enabled).`,
        { ...ctx, code: "AAD_TOKEN_AUDIENCE" },
    );
}
