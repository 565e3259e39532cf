import { BearerAuth } from "./auth";
import { AuthChallenge, parseChallenge } from "./challenge";
import { basicAuthorization, describeIdentity, NormalizedCredentials, normalizeCredentials, RegistryCredentials, secretsOf } from "./credentials";
import { OciError, OciOperation } from "./errors";
import { connectionError, deniedError, ErrorContext, httpError, isRetryableConnectionError, registryErrorOf, unauthorizedError } from "./errorMessages";
import { validateRegistryHost } from "./reference";
import { backoffDelayMs, isRetryableStatus, resolveRetryOptions, ResolvedRetryOptions, RetryOptions, sleep } from "./retry";
import { header, HttpRequest, HttpResponse, Transport } from "./transport";

export interface RegistryClientOptions {
  /** host[:port] of the registry, e.g. "myacr.azurecr.io" */
  registry: string;
  /** Default anonymous. */
  credentials?: RegistryCredentials;
  /** Use http:// instead of https://. Only for local test registries. Default false. */
  plainHttp?: boolean;
  /** PEM CA bundle to trust for this registry (private CAs). Default: Node's built-in CAs. */
  caCert?: string | Buffer;
  retry?: RetryOptions;
  /** Per-request inactivity timeout in ms. Default 120000. */
  timeoutMs?: number;
}

/** Counters for benchmarks and tests: every HTTP request sent, including token requests and retries. */
export interface ClientStats {
  requests: number;
  registryRequests: number;
  tokenRequests: number;
  bytesUploaded: number;
  retries: number;
}

export type ScopeAction = "pull" | "push" | "delete";

export interface RegistryRequest {
  operation: OciOperation;
  repository: string;
  /** Token scope actions for this repository; push operations ask for pull+push on every request so one token serves them all. */
  actions: ScopeAction[];
  method: "GET" | "HEAD" | "PUT" | "POST" | "PATCH" | "DELETE";
  /** Path below the registry ("/v2/...") or an absolute URL on the registry (upload Location). */
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
  /** Retry 5xx/429/connection errors with backoff. Default true. */
  retry?: boolean;
}

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
  private readonly bearer: BearerAuth;

  constructor(options: RegistryClientOptions) {
    validateRegistryHost(options.registry);
    this.registry = options.registry.toLowerCase();
    this.baseUrl = `${options.plainHttp ? "http" : "https"}://${this.registry}`;
    this.credentials = normalizeCredentials(options.credentials);
    this.transport = new Transport({ caCert: options.caCert, timeoutMs: options.timeoutMs });
    this.retryOptions = resolveRetryOptions(options.retry);
    this.bearer = new BearerAuth(this.credentials, !options.plainHttp, (request, ctx) => this.sendToken(request, ctx));
  }

  get identity(): string {
    return describeIdentity(this.credentials);
  }

  /** Resolves a path or Location against the registry, refusing other hosts and https->http downgrades. */
  resolveUrl(pathOrUrl: string, ctx: ErrorContext): URL {
    const url = new URL(pathOrUrl, this.baseUrl);
    const base = new URL(this.baseUrl);
    if (url.host !== base.host || (base.protocol === "https:" && url.protocol !== "https:")) {
      throw new OciError(`${ctx.operation} failed: registry ${this.registry} redirected to another host or to http (${url.origin}).`, {
        ...ctx,
        code: "LOCATION_INVALID",
      });
    }
    return url;
  }

  /** Sends with auth and retries; throws OciError for 401/403, exhausted retries and connection failures. */
  async send(request: RegistryRequest): Promise<HttpResponse> {
    const ctx: ErrorContext = { operation: request.operation, registry: this.registry, repository: request.repository, identity: this.identity };
    try {
      return await this.sendAuthorized(request, ctx);
    } catch (error) {
      throw this.scrub(error);
    }
  }

  close(): void {
    this.transport.close();
  }

  private scopeOf(request: RegistryRequest): string {
    return `repository:${request.repository}:${request.actions.join(",")}`;
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
      knownChallenges.set(this.baseUrl, { scheme: "bearer", params: { realm: challenge.params.realm, service: challenge.params.service } });
      this.bearer.invalidate(scope);
      return this.bearer.authorization(challenge, scope, ctx);
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

  private async sendWithRetries(request: RegistryRequest, url: URL, authorization: string | undefined, ctx: ErrorContext): Promise<HttpResponse> {
    const attempts = request.retry === false ? 1 : this.retryOptions.maxAttempts;
    const headers: Record<string, string> = { ...request.headers };
    if (authorization) headers.authorization = authorization;
    for (let attempt = 1; ; attempt++) {
      let response: HttpResponse;
      try {
        response = await this.followRedirects({ method: request.method, url, headers, body: request.body }, ctx);
      } catch (error) {
        if (error instanceof OciError || attempt >= attempts || !isRetryableConnectionError(error)) {
          throw error instanceof OciError ? error : connectionError(ctx, url.host, error);
        }
        this.stats.retries++;
        await sleep(backoffDelayMs(attempt, this.retryOptions));
        continue;
      }
      if (!isRetryableStatus(response.status)) {
        return response;
      }
      if (attempt >= attempts) {
        throw httpError(ctx, response.status, response.body, `${request.method} ${url.pathname} (after ${attempt} attempts)`);
      }
      this.stats.retries++;
      await sleep(backoffDelayMs(attempt, this.retryOptions, response));
    }
  }

  /** GET/HEAD may be redirected (e.g. blob storage); auth is only forwarded to the same origin. */
  private async followRedirects(request: HttpRequest, ctx: ErrorContext): Promise<HttpResponse> {
    let current = request;
    for (let hop = 0; ; hop++) {
      const response = await this.sendCounted(current, "registry");
      const location = header(response, "location");
      const redirect = [301, 302, 303, 307, 308].includes(response.status) && location;
      if (!redirect || (current.method !== "GET" && current.method !== "HEAD") || hop >= 5) {
        return response;
      }
      const next = new URL(location, current.url);
      if (current.url.protocol === "https:" && next.protocol !== "https:") {
        throw httpError(ctx, response.status, Buffer.alloc(0), `redirect to insecure ${next.origin}`);
      }
      const headers = { ...current.headers };
      if (next.origin !== current.url.origin) delete headers.authorization;
      current = { method: current.method, url: next, headers };
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
    return this.transport.send(request);
  }

  private async sendToken(request: HttpRequest, ctx: ErrorContext): Promise<HttpResponse> {
    try {
      return await this.sendCounted(request, "token");
    } catch (error) {
      throw connectionError(ctx, request.url.host, error);
    }
  }

  /** Last line of defence: no credential text survives in a thrown error. */
  private scrub(error: unknown): unknown {
    if (!(error instanceof OciError)) {
      return error;
    }
    const secrets = secretsOf(this.credentials).filter((secret) => secret.length >= 4);
    const clean = (text: string) => secrets.reduce((acc, secret) => acc.split(secret).join("***"), text);
    const message = clean(error.message);
    const cause = error.cause ? { ...error.cause, message: clean(error.cause.message) } : undefined;
    if (message === error.message && cause?.message === error.cause?.message) {
      return error;
    }
    return new OciError(message, { ...error, cause });
  }
}
