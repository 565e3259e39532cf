import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { makeSelfSignedCert } from "../../scripts/local/registryCerts";
import { answer } from "./scriptedRegistry";

/** One token endpoint request, with its form fields. */
export interface TokenPost {
    path: string;
    form: URLSearchParams;
}

/** An unsigned JWT-shaped token: enough for a client that reads claims, and for this registry, which trusts itself. */
export function fakeJwt(claims: Record<string, unknown>): string {
    const encode = (value: unknown) => Buffer.from(JSON.stringify(value)).toString("base64url");
    return `${encode({ alg: "none", typ: "JWT" })}.${encode(claims)}.sig`;
}

function claimsOf(token: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(token.split(".")[1] ?? "", "base64url").toString("utf8")) as Record<string, unknown>;
}

const now = () => Math.floor(Date.now() / 1000);

/**
 * An ACR-shaped registry whose rules a test sets: Bearer challenges naming a realm on the same origin,
 * /oauth2/exchange and /oauth2/token answering JWTs whose lifetimes the test chooses, and one repository whose
 * tag list needs a token holding exactly `requiredScope`. Token endpoint answers can be scripted to fail first.
 */
export class ScriptedTokenRegistry {
    readonly posts: TokenPost[] = [];
    /** the scope a token must carry to list charts/x's tags */
    requiredScope = "repository:charts/x:pull";
    /** answers the token endpoints give before they start issuing tokens, e.g. [429, 503] */
    failFirst: { status: number; retryAfter?: string; echoField?: string }[] = [];
    refreshTokenTtlSeconds = 3 * 60 * 60;
    accessTokenTtlSeconds = 300;
    host = "";
    private readonly dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-token-registry-"));
    private readonly cert = makeSelfSignedCert(this.dir, "scripted");
    readonly caCertPem = this.cert.certPem;
    private readonly server = https.createServer(
        { cert: this.cert.certPem, key: this.cert.keyPem },
        (req, res) => void this.handle(req, res),
    );

    async start(): Promise<this> {
        await new Promise<void>((resolve) => this.server.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server.close(() => resolve()));
        fs.rmSync(this.dir, { recursive: true, force: true });
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const body = await new Promise<string>((resolve) => {
            let text = "";
            req.on("data", (chunk: Buffer) => (text += chunk.toString()));
            req.on("end", () => resolve(text));
        });
        const url = new URL(req.url ?? "/", `https://${this.host}`);
        if (url.pathname.startsWith("/oauth2/")) return this.token(url.pathname, new URLSearchParams(body), res);
        const scope = url.pathname === "/v2/" ? "" : this.requiredScope;
        if (!this.authorized(req.headers.authorization, scope)) {
            const scopeParam = scope ? `,scope="${scope}"` : "";
            return answer(res, 401, {
                "www-authenticate": `Bearer realm="https://${this.host}/oauth2/token",service="${this.host}"${scopeParam}`,
            });
        }
        if (url.pathname === "/v2/") return answer(res, 200, { "content-type": "application/json" }, "{}");
        answer(res, 200, { "content-type": "application/json" }, JSON.stringify({ name: "charts/x", tags: ["1.0.0"] }));
    }

    private authorized(authorization: string | undefined, scope: string): boolean {
        if (!authorization?.startsWith("Bearer ")) return false;
        const claims = claimsOf(authorization.slice(7));
        const scopes = Array.isArray(claims.scopes) ? (claims.scopes as string[]) : [];
        return typeof claims.exp === "number" && claims.exp > now() && (!scope || scopes.includes(scope));
    }

    private token(path: string, form: URLSearchParams, res: http.ServerResponse): void {
        this.posts.push({ path, form });
        const failure = this.failFirst.shift();
        if (failure) {
            const headers: Record<string, string> = failure.retryAfter ? { "retry-after": failure.retryAfter } : {};
            // echoField: the error repeats a form field, as a careless server might (e.g. the token it was sent).
            const message = failure.echoField ? `bad ${failure.echoField}: ${form.get(failure.echoField) ?? ""}` : undefined;
            return answer(
                res,
                failure.status,
                { "content-type": "application/json", ...headers },
                JSON.stringify({ errors: [{ code: "TOOMANYREQUESTS", ...(message ? { message } : {}) }] }),
            );
        }
        const json = (value: unknown) => answer(res, 200, { "content-type": "application/json" }, JSON.stringify(value));
        if (path === "/oauth2/exchange") {
            return json({ refresh_token: fakeJwt({ kind: "refresh", exp: now() + this.refreshTokenTtlSeconds }) });
        }
        const refresh = form.get("refresh_token");
        if (form.get("grant_type") === "refresh_token" && !(refresh && (claimsOf(refresh).exp as number) > now())) {
            return answer(
                res,
                401,
                { "content-type": "application/json" },
                '{"errors":[{"code":"UNAUTHORIZED","message":"refresh token expired"}]}',
            );
        }
        json({ access_token: fakeJwt({ scopes: form.getAll("scope"), exp: now() + this.accessTokenTtlSeconds }) });
    }
}
