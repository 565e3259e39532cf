import { generateKeyPairSync } from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { SelfSignedCert } from "./registryCerts";
import {
    AccessEntry,
    AccessTokenSigner,
    ACR_TOKEN_AUDIENCE,
    ARM_TOKEN_AUDIENCES,
    parseScope,
    signRefreshToken,
    verifyAadToken,
} from "./tokenIssuerJwt";

export interface IssuerUser {
    password: string;
    /** actions this user may get on any repository, e.g. ["pull"] for a reader; "catalog" also grants registry:catalog:* */
    actions: string[];
    /** Repository name prefixes the actions apply to, like an ABAC role condition; default every repository. */
    repositories?: string[];
}

export interface TokenIssuerOptions {
    service: string;
    issuer: string;
    signing: SelfSignedCert;
    users: Record<string, IssuerUser>;
    /** Azure AD object id -> user name, for /oauth2/exchange */
    aadPrincipals?: Record<string, string>;
    tokenTtlSeconds?: number;
    /** Lifetime of refresh tokens from /oauth2/exchange; ACR's is three hours. */
    refreshTokenTtlSeconds?: number;
}

export interface IssuerRequest {
    method: string;
    path: string;
    grantType?: string;
    basicUser?: string;
}

/** Test tenant whose tokens /oauth2/exchange trusts. */
export const AAD_TEST_TENANT = "11111111-2222-3333-4444-555555555555";

/**
 * In-process token server speaking distribution's token protocol and ACR's OAuth2 shapes:
 * GET /oauth2/token (Basic), POST /oauth2/token (grant_type=password|refresh_token), POST /oauth2/exchange.
 */
export class TokenIssuer {
    readonly requests: IssuerRequest[] = [];
    tokenTtlSeconds: number;
    refreshTokenTtlSeconds: number;
    /** false refuses ARM-audience Entra tokens, as a registry with azureADAuthenticationAsArmPolicy disabled does */
    acceptArmAudience = true;
    /** false makes GET /oauth2/token answer 404, as token servers that only speak OAuth2 POST do */
    getEnabled = true;
    readonly aadKeys = generateKeyPairSync("rsa", {
        modulusLength: 2048,
        publicKeyEncoding: { type: "spki", format: "pem" },
        privateKeyEncoding: { type: "pkcs8", format: "pem" },
    });
    private readonly refreshTokens = new Map<string, { username: string; expiresAt: number }>();
    private readonly signer: AccessTokenSigner;
    private server?: http.Server;
    url = "";

    constructor(private readonly options: TokenIssuerOptions) {
        this.tokenTtlSeconds = options.tokenTtlSeconds ?? 300;
        this.refreshTokenTtlSeconds = options.refreshTokenTtlSeconds ?? 3 * 60 * 60;
        this.signer = new AccessTokenSigner(options.signing, options.issuer, options.service);
    }

    /** The certificate access tokens are signed with (a front end verifies tokens with it and signs its own). */
    get signing(): SelfSignedCert {
        return this.options.signing;
    }

    get service(): string {
        return this.options.service;
    }

    get realm(): string {
        return `${this.url}/oauth2/token`;
    }

    async start(): Promise<void> {
        this.server = http.createServer((req, res) => {
            this.handle(req, res).catch((error: Error) => reply(res, 500, { errors: [{ code: "UNKNOWN", message: error.message }] }));
        });
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }

    /** An ACR refresh token for a user, as `az acr login --expose-token` would hand out. */
    issueRefreshToken(username: string, ttlSeconds = this.refreshTokenTtlSeconds): string {
        const token = signRefreshToken(this.options.signing, this.options.issuer, this.options.service, username, ttlSeconds);
        this.refreshTokens.set(token, { username, expiresAt: Date.now() + ttlSeconds * 1000 });
        return token;
    }

    /** The user a refresh token was issued to, while it has not expired. */
    private refreshTokenUser(token: string): string | undefined {
        const entry = this.refreshTokens.get(token);
        return entry && Date.now() < entry.expiresAt ? entry.username : undefined;
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const url = new URL(req.url ?? "/", this.url);
        const body = await readBody(req);
        const form = new URLSearchParams(req.method === "POST" ? body : "");
        const basic = parseBasic(req.headers.authorization);
        this.requests.push({
            method: req.method ?? "",
            path: url.pathname,
            grantType: form.get("grant_type") ?? undefined,
            basicUser: basic?.username,
        });
        if (url.pathname === "/oauth2/exchange" && req.method === "POST") {
            return this.exchange(form, res);
        }
        if (url.pathname !== "/oauth2/token" || (req.method === "GET" && !this.getEnabled)) {
            return reply(res, 404, { errors: [{ code: "NOT_FOUND", message: "unknown endpoint" }] });
        }
        const scopes = (req.method === "GET" ? url.searchParams : form).getAll("scope").flatMap((one) => one.split(" ").filter(Boolean));
        const service = req.method === "GET" ? url.searchParams.get("service") : form.get("service");
        if (service !== this.options.service) {
            return reply(res, 400, { errors: [{ code: "INVALID_SERVICE", message: `unknown service ${service}` }] });
        }
        const user = req.method === "GET" ? this.userFromBasic(basic) : this.userFromForm(form);
        if (user === null) {
            return reply(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] });
        }
        const token = await this.signer.sign(user ?? "anonymous", this.grant(user, scopes), this.tokenTtlSeconds);
        return reply(res, 200, { access_token: token, token, expires_in: this.tokenTtlSeconds });
    }

    /** undefined = anonymous, null = bad credentials */
    private userFromBasic(basic: { username: string; password: string } | undefined): string | null | undefined {
        if (!basic) return undefined;
        if (basic.username === "00000000-0000-0000-0000-000000000000") {
            return this.refreshTokenUser(basic.password) ?? null;
        }
        return this.options.users[basic.username]?.password === basic.password ? basic.username : null;
    }

    private userFromForm(form: URLSearchParams): string | null | undefined {
        const grantType = form.get("grant_type");
        if (grantType === "refresh_token") return this.refreshTokenUser(form.get("refresh_token") ?? "") ?? null;
        if (grantType === "password") {
            const username = form.get("username") ?? "";
            return this.options.users[username]?.password === form.get("password") ? username : null;
        }
        return null;
    }

    private grant(user: string | undefined, scopes: string[]): AccessEntry[] {
        const allowed = user ? (this.options.users[user]?.actions ?? []) : [];
        const prefixes = user ? this.options.users[user]?.repositories : undefined;
        const covers = (name: string) => !prefixes || prefixes.some((prefix) => name === prefix || name.startsWith(`${prefix}/`));
        // The catalog (registry:catalog:*) is granted only to users holding the "catalog" action.
        const isCatalog = (entry: AccessEntry) => entry.type === "registry" && entry.name === "catalog";
        return scopes
            .map(parseScope)
            .filter((entry): entry is AccessEntry => entry !== undefined && (entry.type === "repository" || isCatalog(entry)))
            .map((entry) => ({
                ...entry,
                actions: isCatalog(entry)
                    ? allowed.includes("catalog")
                        ? entry.actions
                        : []
                    : entry.actions.filter((action) => allowed.includes(action) && covers(entry.name)),
            }));
    }

    private async exchange(form: URLSearchParams, res: http.ServerResponse): Promise<void> {
        if (form.get("grant_type") !== "access_token" || form.get("service") !== this.options.service) {
            return reply(res, 400, { errors: [{ code: "UNSUPPORTED_GRANT", message: "grant_type=access_token and service required" }] });
        }
        try {
            const audiences = [ACR_TOKEN_AUDIENCE, ...(this.acceptArmAudience ? ARM_TOKEN_AUDIENCES : [])];
            const token = form.get("access_token") ?? "";
            const oid = await verifyAadToken(token, this.aadKeys.publicKey, form.get("tenant") ?? AAD_TEST_TENANT, audiences);
            const username = this.options.aadPrincipals?.[oid];
            if (!username) return reply(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "principal has no access" }] });
            return reply(res, 200, { refresh_token: this.issueRefreshToken(username) });
        } catch {
            return reply(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "invalid AAD token" }] });
        }
    }
}

function reply(res: http.ServerResponse, status: number, body: unknown): void {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(body));
}

function readBody(req: http.IncomingMessage): Promise<string> {
    return new Promise((resolve, reject) => {
        const chunks: Buffer[] = [];
        req.on("data", (chunk: Buffer) => chunks.push(chunk));
        req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
        req.on("error", reject);
    });
}

function parseBasic(header: string | undefined): { username: string; password: string } | undefined {
    if (!header?.startsWith("Basic ")) return undefined;
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    return colon < 0 ? undefined : { username: decoded.slice(0, colon), password: decoded.slice(colon + 1) };
}
