/** A bearer token and the moment it should no longer be used. */
export interface CachedToken {
    token: string;
    /** epoch ms after which the token is refreshed before use */
    refreshAt: number;
}

/** distribution's default when a token response has no expires_in (docs/spec/auth/token.md). */
const DEFAULT_LIFETIME_SECONDS = 60;

/** A JWT's payload, unverified (the registry verifies; we only schedule refreshes and check audiences); else undefined. */
export function jwtClaims(token: string): Record<string, unknown> | undefined {
    const parts = token.split(".");
    if (parts.length !== 3) {
        return undefined;
    }
    try {
        const payload: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
        return payload && typeof payload === "object" && !Array.isArray(payload) ? (payload as Record<string, unknown>) : undefined;
    } catch {
        return undefined;
    }
}

/** The JWT "exp" in epoch ms, if the token is a JWT that has one. */
export function jwtExpiry(token: string): number | undefined {
    const exp = jwtClaims(token)?.exp;
    return typeof exp === "number" ? exp * 1000 : undefined;
}

/**
 * When to refresh: the JWT exp if present, else issued time + expires_in, minus a safety margin
 * of a tenth of the lifetime (at most 60 s) so a token never expires between check and use.
 */
export function tokenFromResponse(token: string, expiresInSeconds: number | undefined, now = Date.now()): CachedToken {
    const expiresAt = jwtExpiry(token) ?? now + (expiresInSeconds ?? DEFAULT_LIFETIME_SECONDS) * 1000;
    const lifetime = Math.max(0, expiresAt - now);
    const margin = Math.min(60_000, lifetime / 10);
    return { token, refreshAt: expiresAt - margin };
}

/** Access tokens per scope string, owned by one RegistryClient (one registry, one identity). */
export class TokenCache {
    private readonly tokens = new Map<string, CachedToken>();

    /** A live token for exactly this scope, or for the same resource with more actions (a pull,push token serves pull). */
    get(scope: string, now = Date.now()): string | undefined {
        for (const key of [scope, ...this.supersetsOf(scope)]) {
            const cached = this.tokens.get(key);
            if (cached && now < cached.refreshAt) {
                return cached.token;
            }
            if (cached) {
                this.tokens.delete(key);
            }
        }
        return undefined;
    }

    private supersetsOf(scope: string): string[] {
        const split = scope.lastIndexOf(":");
        const resource = scope.slice(0, split + 1);
        const wanted = scope.slice(split + 1).split(",");
        return [...this.tokens.keys()].filter((key) => {
            if (key === scope || !key.startsWith(resource) || key.lastIndexOf(":") !== split) return false;
            const actions = key.slice(split + 1).split(",");
            return wanted.every((action) => actions.includes(action));
        });
    }

    set(scope: string, token: CachedToken): void {
        this.tokens.set(scope, token);
    }

    /** Forgets the token for this scope and any broader one that would otherwise be served for it. */
    delete(scope: string): void {
        for (const key of this.supersetsOf(scope)) this.tokens.delete(key);
        this.tokens.delete(scope);
    }
}
