import { AuthChallenge } from "./challenge";
import { basicAuthorization, NormalizedCredentials } from "./credentials";
import { OciError } from "./errors";
import { ErrorContext, httpError, unauthorizedError } from "./errorMessages";
import { CachedToken, TokenCache, tokenFromResponse } from "./tokens";
import { HttpRequest, HttpResponse } from "./transport";

/** Sends one request to a token endpoint; counted and error-wrapped by the client. */
export type TokenSender = (request: HttpRequest, ctx: ErrorContext) => Promise<HttpResponse>;

const FORM = "application/x-www-form-urlencoded";
const CLIENT_ID = "pulumi-acr-helm";

interface TokenResponseBody {
    token?: string;
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
}

/**
 * Bearer token flow (distribution token spec + ACR's OAuth2 endpoints), with a per-scope cache.
 * basic -> GET realm with Basic (POST grant_type=password if GET is not supported);
 * refreshToken -> POST grant_type=refresh_token; aadAccessToken -> POST /oauth2/exchange first;
 * anonymous -> GET realm without credentials.
 */
export class BearerAuth {
    private readonly cache = new TokenCache();
    private exchangedRefreshToken?: string;

    constructor(
        private readonly credentials: NormalizedCredentials,
        private readonly registryIsHttps: boolean,
        private readonly send: TokenSender,
    ) {}

    cachedAuthorization(scope: string): string | undefined {
        const token = this.cache.get(scope);
        return token ? `Bearer ${token}` : undefined;
    }

    invalidate(scope: string): void {
        this.cache.delete(scope);
    }

    async authorization(challenge: AuthChallenge, scope: string, ctx: ErrorContext): Promise<string> {
        const cached = this.cachedAuthorization(scope);
        if (cached) {
            return cached;
        }
        const token = await this.fetchToken(challenge, scope, ctx);
        this.cache.set(scope, token);
        return `Bearer ${token.token}`;
    }

    /** One token for several scopes (one token request instead of one per scope), cached under each of them. */
    async prefetch(challenge: AuthChallenge, scopes: string[], ctx: ErrorContext): Promise<void> {
        const missing = scopes.filter((scope) => !this.cache.get(scope));
        if (missing.length === 0) return;
        const token = await this.fetchToken(challenge, missing.join(" "), ctx);
        for (const scope of missing) this.cache.set(scope, token);
    }

    private realmOf(challenge: AuthChallenge, ctx: ErrorContext): URL {
        const realm = challenge.params.realm;
        let url: URL | undefined;
        try {
            url = realm ? new URL(realm) : undefined;
        } catch {
            url = undefined;
        }
        if (!url || (this.registryIsHttps && url.protocol !== "https:")) {
            throw new OciError(
                `${ctx.operation} failed: registry ${ctx.registry} sent an unusable token realm "${realm ?? ""}" ` +
                    `(it must be an absolute https URL for an https registry).`,
                { ...ctx, code: "AUTH_CHALLENGE_INVALID" },
            );
        }
        return url;
    }

    private async fetchToken(challenge: AuthChallenge, scope: string, ctx: ErrorContext): Promise<CachedToken> {
        const realm = this.realmOf(challenge, ctx);
        const service = challenge.params.service ?? "";
        const creds = this.credentials;
        switch (creds.kind) {
            case "anonymous":
                return this.getToken(realm, service, scope, undefined, ctx);
            case "basic": {
                const authorization = basicAuthorization(creds.username, creds.password);
                const response = await this.getTokenResponse(realm, service, scope, authorization, ctx);
                if (response.status !== 404 && response.status !== 405) {
                    return this.parseToken(response, ctx);
                }
                return this.postToken(
                    realm,
                    { grant_type: "password", username: creds.username, password: creds.password, service, scope },
                    ctx,
                );
            }
            case "refreshToken":
                return this.postToken(realm, { grant_type: "refresh_token", refresh_token: creds.refreshToken, service, scope }, ctx);
            case "aadAccessToken": {
                const refreshToken = this.exchangedRefreshToken ?? (await this.exchange(realm, service, creds, ctx));
                this.exchangedRefreshToken = refreshToken;
                try {
                    return await this.postToken(realm, { grant_type: "refresh_token", refresh_token: refreshToken, service, scope }, ctx);
                } catch (error) {
                    this.exchangedRefreshToken = undefined;
                    throw error;
                }
            }
        }
    }

    private async getTokenResponse(
        realm: URL,
        service: string,
        scope: string,
        authorization: string | undefined,
        ctx: ErrorContext,
    ): Promise<HttpResponse> {
        const url = new URL(realm.href);
        if (service) url.searchParams.set("service", service);
        // Several scopes travel space-separated (the OAuth2 form); the GET form repeats the parameter instead.
        for (const one of scope.split(" ").filter(Boolean)) url.searchParams.append("scope", one);
        url.searchParams.set("client_id", CLIENT_ID);
        const headers: Record<string, string> = authorization ? { authorization } : {};
        return this.send({ method: "GET", url, headers }, ctx);
    }

    private async getToken(
        realm: URL,
        service: string,
        scope: string,
        authorization: string | undefined,
        ctx: ErrorContext,
    ): Promise<CachedToken> {
        return this.parseToken(await this.getTokenResponse(realm, service, scope, authorization, ctx), ctx);
    }

    private async postToken(realm: URL, form: Record<string, string>, ctx: ErrorContext): Promise<CachedToken> {
        const body = Buffer.from(new URLSearchParams({ ...form, client_id: CLIENT_ID }).toString(), "utf8");
        const response = await this.send({ method: "POST", url: realm, headers: { "content-type": FORM }, body }, ctx);
        return this.parseToken(response, ctx);
    }

    /** ACR: AAD access token -> ACR refresh token at <realm origin>/oauth2/exchange. */
    private async exchange(
        realm: URL,
        service: string,
        creds: { accessToken: string; tenantId?: string },
        ctx: ErrorContext,
    ): Promise<string> {
        const url = new URL("/oauth2/exchange", realm);
        const form: Record<string, string> = { grant_type: "access_token", service, access_token: creds.accessToken };
        if (creds.tenantId) form.tenant = creds.tenantId;
        const body = Buffer.from(new URLSearchParams(form).toString(), "utf8");
        const response = await this.send({ method: "POST", url, headers: { "content-type": FORM }, body }, ctx);
        const parsed = this.parseBody(response, ctx, "the token exchange endpoint");
        if (!parsed.refresh_token) {
            throw httpError(ctx, response.status, Buffer.alloc(0), "the token exchange endpoint (no refresh_token in answer)");
        }
        return parsed.refresh_token;
    }

    private parseToken(response: HttpResponse, ctx: ErrorContext): CachedToken {
        const parsed = this.parseBody(response, ctx, "the token endpoint");
        const token = parsed.access_token ?? parsed.token;
        if (!token) {
            throw httpError(ctx, response.status, Buffer.alloc(0), "the token endpoint (no token in answer)");
        }
        return tokenFromResponse(token, typeof parsed.expires_in === "number" ? parsed.expires_in : undefined);
    }

    private parseBody(response: HttpResponse, ctx: ErrorContext, what: string): TokenResponseBody {
        if (response.status === 401 || response.status === 403) {
            throw unauthorizedError(ctx, response.status);
        }
        if (response.status !== 200) {
            throw httpError(ctx, response.status, response.body, what);
        }
        try {
            return JSON.parse(response.body.toString("utf8")) as TokenResponseBody;
        } catch {
            throw httpError(ctx, response.status, Buffer.alloc(0), `${what} (answer is not JSON)`);
        }
    }
}
