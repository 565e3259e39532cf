import { BearerAuth } from "./auth/auth";
import { AuthChallenge, parseChallenge } from "./auth/challenge";
import { basicAuthorization, describeIdentity, NormalizedCredentials, normalizeCredentials, secretsOf } from "./auth/credentials";
import {
    currentLimits,
    resolveTimeouts,
    ResolvedTimeouts,
    runWithDeadline,
    TimeoutHit,
    TimeoutOptions,
    waitBeforeRetry,
} from "./http/deadline";
import { OciError, OciOperation } from "./errors";
import { ClientStats, RegistryClientOptions, RegistryRequest } from "./registryRequest";
import {
    connectionError,
    deniedError,
    ErrorContext,
    httpError,
    isRetryableConnectionError,
    redirectRefusedError,
    registryErrorOf,
    unauthorizedError,
} from "./errorMessages";
import { MAX_REDIRECTS, nextRedirect } from "./http/redirects";
import { validateRegistryHost } from "./names";
import { sameRegistryUrl } from "./sameRegistryUrl";
import { backoffDelayMs, isRetryableStatus, resolveRetryOptions, ResolvedRetryOptions } from "./http/retry";
import { header, HttpRequest, HttpResponse, Transport } from "./http/transport";

export { ClientStats, RegistryClientOptions, RegistryRequest, ScopeAction } from "./registryRequest";

/** Challenges seen per registry base URL. Holds no secret; lets new clients skip the initial 401 round trip. */
const knownChallenges = new Map<string, AuthChallenge>();

/**
 * One registry + one identity: auth (Basic or Bearer with a per-scope token cache), retries, request counting.
 * Reuse a client across pushes to reuse its tokens.
 */
export class RegistryClient {
    readonly registry: string;
    readonly baseUrl: string;
    readonly stats: ClientStats = { requests: 0, registryRequests: 0, tokenRequests: 0, bytesUploaded: 0, retries: 0 };
    private readonly credentials: NormalizedCredentials;
    private readonly transport: Transport;
    readonly retryOptions: ResolvedRetryOptions;
    /** Default limits of this client's operations; a call's own options override them. */
    readonly timeouts: ResolvedTimeouts;
    private readonly bearer: BearerAuth;

    constructor(options: RegistryClientOptions) {
        validateRegistryHost(options.registry);
        this.registry = options.registry.toLowerCase();
        this.baseUrl = `${options.plainHttp ? "http" : "https"}://${this.registry}`;
        this.credentials = normalizeCredentials(options.credentials, this.registry);
        this.transport = new Transport({ caCert: options.caCert });
        this.retryOptions = resolveRetryOptions(options.retry);
        this.timeouts = resolveTimeouts(options);
        this.bearer = new BearerAuth(this.credentials, !options.plainHttp, (request, ctx) => this.sendToken(request, ctx));
    }

    get identity(): string {
        return describeIdentity(this.credentials);
    }

    /** Resolves a path or Location against the registry, refusing other hosts and https->http downgrades. */
    resolveUrl(pathOrUrl: string, ctx: ErrorContext): URL {
        return sameRegistryUrl(this.baseUrl, this.registry, pathOrUrl, ctx);
    }

    /**
     * Runs one operation (a push, a pull, ...) under one deadline: the call's timeouts over this client's.
     * Requests sent outside such an operation each get their own deadline.
     */
    operation<T>(timeouts: TimeoutOptions | undefined, fn: () => Promise<T>): Promise<T> {
        return runWithDeadline(resolveTimeouts(timeouts, this.timeouts), fn);
    }

    /** Sends with auth and retries; throws OciError for 401/403, exhausted retries, timeouts and connection failures. */
    async send(request: RegistryRequest): Promise<HttpResponse> {
        const ctx: ErrorContext = {
            operation: request.operation,
            registry: this.registry,
            repository: request.repository,
            identity: this.identity,
        };
        try {
            return await this.operation(undefined, () => this.sendAuthorized(request, ctx));
        } catch (error) {
            throw this.scrub(error);
        }
    }

    close(): void {
        this.transport.close();
    }

    /**
     * On a registry already known to use a token service, fetches one token for all these scopes (e.g. the
     * repositories a search reads next), so that they need no token request each. Elsewhere it does nothing.
     */
    async prefetchTokens(scopes: string[], operation: OciOperation): Promise<void> {
        const challenge = knownChallenges.get(this.baseUrl);
        if (challenge?.scheme !== "bearer" || scopes.length === 0) return;
        const ctx: ErrorContext = { operation, registry: this.registry, identity: this.identity };
        try {
            await this.bearer.prefetch(challenge, scopes, ctx);
        } catch (error) {
            throw this.scrub(error);
        }
    }

    private scopeOf(request: RegistryRequest): string {
        return request.scope ?? `repository:${request.repository}:${request.actions.join(",")}`;
    }

    private async authorizationFor(scope: string, ctx: ErrorContext): Promise<string | undefined> {
        const challenge = knownChallenges.get(this.baseUrl);
        if (challenge?.scheme === "basic" && this.credentials.kind === "basic") {
            return basicAuthorization(this.credentials.username, this.credentials.password);
        }
        if (challenge?.scheme === "bearer") {
            return this.bearer.authorization(challenge, scope, ctx);
        }
        return undefined;
    }

    private async sendAuthorized(request: RegistryRequest, ctx: ErrorContext): Promise<HttpResponse> {
        const scope = this.scopeOf(request);
        const url = this.resolveUrl(request.path, ctx);
        const firstAuth = await this.authorizationFor(scope, ctx);
        let response = await this.sendWithRetries(request, url, firstAuth, ctx);
        if (response.status === 401) {
            const challenge = parseChallenge(header(response, "www-authenticate"));
            const retryAuth = await this.authorizationAfterChallenge(challenge, scope, firstAuth, ctx, response.status);
            response = await this.sendWithRetries(request, url, retryAuth, ctx);
            if (response.status === 401) {
                const again = parseChallenge(header(response, "www-authenticate"));
                this.bearer.invalidate(scope);
                if (again?.params.error === "insufficient_scope" && this.credentials.kind !== "anonymous") {
                    throw deniedError(ctx, 401, registryErrorOf(response.body)?.message);
                }
                throw unauthorizedError(ctx, 401);
            }
        }
        if (response.status === 403) {
            throw deniedError(ctx, 403, registryErrorOf(response.body)?.message);
        }
        return response;
    }

    private async authorizationAfterChallenge(
        challenge: AuthChallenge | undefined,
        scope: string,
        sentAuth: string | undefined,
        ctx: ErrorContext,
        status: number,
    ): Promise<string> {
        if (challenge?.scheme === "bearer") {
            knownChallenges.set(this.baseUrl, {
                scheme: "bearer",
                params: { realm: challenge.params.realm, service: challenge.params.service },
            });
            this.bearer.invalidate(scope);
            return this.bearer.authorization(challenge, scope, ctx, challenge.params.scope);
        }
        if (challenge?.scheme === "basic" && this.credentials.kind === "basic" && sentAuth === undefined) {
            knownChallenges.set(this.baseUrl, { scheme: "basic", params: {} });
            return basicAuthorization(this.credentials.username, this.credentials.password);
        }
        if (challenge?.scheme === "basic" && this.credentials.kind !== "basic" && this.credentials.kind !== "anonymous") {
            throw new OciError(
                `${ctx.operation} failed: registry ${this.registry} uses Basic authentication, which cannot use ${this.identity}; ` +
                    `pass username and password credentials.`,
                { ...ctx, status, code: "UNAUTHORIZED" },
            );
        }
        throw unauthorizedError(ctx, status);
    }

    private async sendWithRetries(
        request: RegistryRequest,
        url: URL,
        authorization: string | undefined,
        ctx: ErrorContext,
    ): Promise<HttpResponse> {
        const attempts = request.retry === false ? 1 : this.retryOptions.maxAttempts;
        const headers: Record<string, string> = { ...request.headers };
        if (authorization) headers.authorization = authorization;
        const first: HttpRequest = { method: request.method, url, headers, body: request.body, maxBodyBytes: request.maxBodyBytes };
        for (let attempt = 1; ; attempt++) {
            let response: HttpResponse;
            try {
                response = await this.followRedirects(first, ctx);
            } catch (error) {
                // A timeout already cost its full wait and an oversized answer will not shrink: neither is retried.
                const retryable = !(error instanceof TimeoutHit) && isRetryableConnectionError(error);
                if (error instanceof OciError || attempt >= attempts || !retryable) {
                    throw error instanceof OciError ? error : connectionError(ctx, url.host, error);
                }
                this.stats.retries++;
                await this.waitBeforeRetry(
                    backoffDelayMs(attempt, this.retryOptions),
                    `${request.method} ${url.pathname}: ${(error as Error).message}`,
                    ctx,
                );
                continue;
            }
            if (!isRetryableStatus(response.status) || request.retry === false) {
                return response;
            }
            if (attempt >= attempts) {
                throw httpError(ctx, response.status, response.body, `${request.method} ${url.pathname} (after ${attempt} attempts)`);
            }
            this.stats.retries++;
            await this.waitBeforeRetry(
                backoffDelayMs(attempt, this.retryOptions, response),
                `${request.method} ${url.pathname}: HTTP ${response.status}`,
                ctx,
            );
        }
    }

    /** Sleeps before a retry; fails now, naming operationTimeoutMs, when the wait would pass the operation's deadline. */
    async waitBeforeRetry(ms: number, lastFailure: string, ctx: ErrorContext): Promise<void> {
        try {
            await waitBeforeRetry(ms, lastFailure);
        } catch (error) {
            throw connectionError(ctx, this.registry, error);
        }
    }

    /** GET/HEAD may be redirected (e.g. blob storage); see nextRedirect for what is followed. */
    private async followRedirects(request: HttpRequest, ctx: ErrorContext): Promise<HttpResponse> {
        let current = request;
        for (let hop = 0; ; hop++) {
            const response = await this.sendCounted(current, "registry");
            let next: HttpRequest | undefined;
            try {
                next = hop < MAX_REDIRECTS ? nextRedirect(current, response) : undefined;
            } catch (error) {
                throw redirectRefusedError(ctx, response.status, (error as Error).message);
            }
            if (!next) return response;
            current = next;
        }
    }

    private async sendCounted(request: HttpRequest, kind: "registry" | "token"): Promise<HttpResponse> {
        this.stats.requests++;
        if (kind === "token") {
            this.stats.tokenRequests++;
        } else {
            this.stats.registryRequests++;
            this.stats.bytesUploaded += request.body?.length ?? 0;
        }
        return this.transport.send(
            request,
            currentLimits() ?? { ...this.timeouts, deadlineAt: Date.now() + this.timeouts.operationTimeoutMs },
        );
    }

    /** Token endpoints throttle too (429) and fail over (5xx): retried like registry calls, Retry-After honoured. */
    private async sendToken(request: HttpRequest, ctx: ErrorContext): Promise<HttpResponse> {
        for (let attempt = 1; ; attempt++) {
            let response: HttpResponse;
            try {
                response = await this.sendCounted(request, "token");
            } catch (error) {
                throw connectionError(ctx, request.url.host, error);
            }
            if (!isRetryableStatus(response.status) || attempt >= this.retryOptions.maxAttempts) return response;
            this.stats.retries++;
            await this.waitBeforeRetry(
                backoffDelayMs(attempt, this.retryOptions, response),
                `${request.method} ${request.url.pathname}: HTTP ${response.status}`,
                ctx,
            );
        }
    }

    /** Last line of defence: no credential text survives in a thrown error. */
    private scrub(error: unknown): unknown {
        if (!(error instanceof OciError)) {
            return error;
        }
        const secrets = [...secretsOf(this.credentials), ...this.bearer.obtainedSecrets()].filter((secret) => secret.length >= 4);
        const clean = (text: string) => secrets.reduce((acc, secret) => acc.split(secret).join("***"), text);
        const message = clean(error.message);
        const cause = error.cause ? { ...error.cause, message: clean(error.cause.message) } : undefined;
        if (message === error.message && cause?.message === error.cause?.message) {
            return error;
        }
        return new OciError(message, { ...error, cause });
    }
}
