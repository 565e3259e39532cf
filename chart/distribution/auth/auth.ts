import type { TokenCredential } from "@azure/core-auth";
import { azureAccessToken, azureCredentialSource } from "../acr/azureCredential";
import { AuthChallenge } from "./challenge";
import { AzureCredentials, basicAuthorization, NormalizedCredentials } from "./credentials";
import { OciError } from "../errors";
import { ErrorContext, httpError, unauthorizedError } from "../errorMessages";
import { checkEntraAudience, refreshTokenFromExchange } from "../acr/entraToken";
import { CachedToken, TokenCache, tokenFromResponse } from "./tokens";
import { HttpRequest, HttpResponse } from "../http/transport";

/** Sends one request to a token endpoint; counted and error-wrapped by the client. */
export type TokenSender = (request: HttpRequest, ctx: ErrorContext) => Promise<HttpResponse>;

const FORM = "application/x-www-form-urlencoded";
const CLIENT_ID = "pulumi-acr-helm";
/** What az acr login asks for when no repository is named; the spec makes scope required on POST. */
const LOGIN_SCOPE = "registry:catalog:*";

interface TokenResponseBody {
    token?: string;
    access_token?: string;
    refresh_token?: string;
    expires_in?: number;
}

/**
 * Bearer token flow (distribution token spec + ACR's OAuth2 endpoints), with a per-scope cache.
 * basic -> GET realm with Basic (POST grant_type=password if GET is not supported);
 * refreshToken -> POST grant_type=refresh_token; aadAccessToken -> POST /oauth2/exchange first; azure -> the same
 * with an Entra token asked from the environment's identity each time an exchange is due;
 * anonymous -> GET realm without credentials.
 */
export class BearerAuth {
    private readonly cache = new TokenCache();
    private exchangedRefreshToken?: CachedToken;
    private azureCredential?: TokenCredential;
    /** Entra tokens the Azure identity gave, newest last: secrets that no error may repeat (a few are enough). */
    private readonly azureTokens: string[] = [];

    constructor(
        private readonly credentials: NormalizedCredentials,
        private readonly registryIsHttps: boolean,
        private readonly send: TokenSender,
    ) {}

    /** Secrets this auth obtained itself (Entra tokens, the exchanged refresh token), for scrubbing errors. */
    obtainedSecrets(): string[] {
        return [...this.azureTokens, ...(this.exchangedRefreshToken ? [this.exchangedRefreshToken.token] : [])];
    }

    cachedAuthorization(scope: string): string | undefined {
        const token = this.cache.get(scope);
        return token ? `Bearer ${token}` : undefined;
    }

    invalidate(scope: string): void {
        this.cache.delete(scope);
    }

    /**
     * A token for `scope`, cached under it. After a 401, pass the challenge's own scope: the token is then asked
     * for both (a registry may need more than we guessed, e.g. pull on a mount's source) and serves `scope` next time.
     */
    async authorization(challenge: AuthChallenge, scope: string, ctx: ErrorContext, challengeScope?: string): Promise<string> {
        const cached = this.cachedAuthorization(scope);
        if (cached) {
            return cached;
        }
        const token = await this.fetchToken(challenge, mergeScopes(scope, challengeScope), ctx);
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
        scope = scope || challenge.params.scope || LOGIN_SCOPE;
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
            case "aadAccessToken":
            case "azure": {
                const live = this.exchangedRefreshToken && Date.now() < this.exchangedRefreshToken.refreshAt;
                const entra = async () => (creds.kind === "azure" ? { ...creds, accessToken: await this.azureToken(creds, ctx) } : creds);
                const refreshToken = live ? this.exchangedRefreshToken! : await this.exchange(realm, service, await entra(), ctx);
                this.exchangedRefreshToken = refreshToken;
                try {
                    const form = { grant_type: "refresh_token", refresh_token: refreshToken.token, service, scope };
                    return await this.postToken(realm, form, ctx);
                } catch (error) {
                    this.exchangedRefreshToken = undefined;
                    throw error;
                }
            }
        }
    }

    /** An Entra token from the environment's identity; the TokenCredential (and its own token cache) lives with this client. */
    private async azureToken(creds: AzureCredentials, ctx: ErrorContext): Promise<string> {
        this.azureCredential ??= azureCredentialSource.create(creds);
        const token = await azureAccessToken(this.azureCredential, creds, ctx);
        this.azureTokens.push(token);
        this.azureTokens.splice(0, this.azureTokens.length - 4);
        return token;
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

    /** Several scopes travel as repeated `scope` fields, as ACR's docs and the token spec show. */
    private async postToken(realm: URL, form: Record<string, string>, ctx: ErrorContext): Promise<CachedToken> {
        const { scope, ...rest } = form;
        const params = new URLSearchParams({ ...rest, client_id: CLIENT_ID });
        for (const one of (scope ?? "").split(" ").filter(Boolean)) params.append("scope", one);
        const body = Buffer.from(params.toString(), "utf8");
        const response = await this.send({ method: "POST", url: realm, headers: { "content-type": FORM }, body }, ctx);
        return this.parseToken(response, ctx);
    }

    /** ACR: AAD access token -> ACR refresh token at <realm origin>/oauth2/exchange. */
    private async exchange(
        realm: URL,
        service: string,
        creds: { accessToken: string; tenantId?: string; audience?: string },
        ctx: ErrorContext,
    ): Promise<CachedToken> {
        checkEntraAudience(creds.accessToken, creds.audience, ctx);
        const url = new URL("/oauth2/exchange", realm);
        const form: Record<string, string> = { grant_type: "access_token", service, access_token: creds.accessToken };
        if (creds.tenantId) form.tenant = creds.tenantId;
        const body = Buffer.from(new URLSearchParams(form).toString(), "utf8");
        const response = await this.send({ method: "POST", url, headers: { "content-type": FORM }, body }, ctx);
        const parsed = this.parseBody(response, ctx, "the token exchange endpoint");
        if (!parsed.refresh_token) {
            throw httpError(ctx, response.status, Buffer.alloc(0), "the token exchange endpoint (no refresh_token in answer)");
        }
        return refreshTokenFromExchange(parsed.refresh_token);
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

/** Our scopes plus any the challenge names that we did not ask for, space-separated. */
export function mergeScopes(scope: string, challengeScope: string | undefined): string {
    const all = [...scope.split(" "), ...(challengeScope ?? "").split(" ")].filter(Boolean);
    return [...new Set(all)].join(" ");
}
