import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as os from "os";
import * as path from "path";
import { AcrAccess } from "./acrAccess";
import { AcrAttributes, DISALLOWED, send, UpstreamResponse } from "./acrAttributes";
import { makeSelfSignedCert } from "./registryCerts";
import { DEFAULT_USERS, freePort, startRegistry, TestRegistry } from "./registry";
import { IssuerUser, TokenIssuer } from "./tokenIssuer";
import { parseScope } from "./tokenIssuerJwt";
import { readAll } from "./readAll";

export interface StartAcrStandInOptions {
    /** default: admin (pull, push, delete) and reader (pull); add "catalog", "metadata_read", "metadata_write" as needed */
    users?: Record<string, IssuerUser>;
    /** Entra object id -> user name, for /oauth2/exchange */
    aadPrincipals?: Record<string, string>;
    tokenTtlSeconds?: number;
    refreshTokenTtlSeconds?: number;
}

export interface AcrStandIn {
    /** 127.0.0.1:<port>, https */
    host: string;
    /** PEM of the stand-in's self-signed certificate */
    caCertPem: string;
    issuer: TokenIssuer;
    attributes: AcrAttributes;
    stop(): Promise<void>;
}

const MANIFEST = /^\/v2\/(.+)\/manifests\/([^/]+)$/;

/**
 * A stand-in for Azure Container Registry's data plane on one https origin, as Microsoft's clients expect:
 * /v2 (docker-registry in token mode behind it, relative upload Locations), Bearer challenges whose realm is
 * this origin's /oauth2/token, /oauth2/exchange and /oauth2/token (the local token issuer: JWT refresh and
 * access tokens, Entra tokens for the ACR audience), the /acr/v1 catalog and tag/manifest attributes, and
 * permissions per repository and action, like an ABAC registry. Locks (writeEnabled=false) refuse manifest
 * PUTs and DELETEs with ACR's 405 REGISTRY_DISALLOWED_OPERATION. It models documented behaviour only.
 */
export async function startAcrStandIn(options: StartAcrStandInOptions = {}): Promise<AcrStandIn> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-acr-stand-in-"));
    const port = await freePort();
    const host = `127.0.0.1:${port}`;
    const realm = `https://${host}/oauth2/token`;
    let registry: TestRegistry | undefined;
    try {
        registry = await startRegistry({ ...options, users: options.users ?? DEFAULT_USERS, auth: "token", realm, relativeUrls: true });
    } catch (error) {
        fs.rmSync(dir, { recursive: true, force: true });
        throw error;
    }
    const issuer = registry.issuer!;
    const access = new AcrAccess(issuer.signing, "test-issuer", issuer.service, () => realm);
    const upstream = (method: string, pathname: string, scope: string, headers: Record<string, string> = {}) =>
        access
            .upstreamToken([parseScope(scope)!])
            .then((token) => forward(registry!.host, method, pathname, { ...headers, authorization: `Bearer ${token}` }));
    const attributes = new AcrAttributes(access, upstream, () => host);
    const cert = makeSelfSignedCert(dir, "acr-stand-in");
    const server = https.createServer({ cert: cert.certPem, key: cert.keyPem }, (req, res) => {
        route(req, res).catch((error: Error) => send(res, 500, { errors: [{ code: "UNKNOWN", message: error.message }] }));
    });
    async function route(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const body = await readAll(req);
        const url = new URL(req.url ?? "/", `https://${host}`);
        if (url.pathname.startsWith("/oauth2/"))
            return pipe(res, await forward(new URL(issuer.url).host, req.method!, req.url!, req.headers, body));
        if (url.pathname.startsWith("/acr/v1/") && (await attributes.handle(req, res, url, body))) return;
        const manifest = MANIFEST.exec(url.pathname)?.map(decodeURIComponent);
        if (manifest && req.method === "PUT" && !attributes.tagWritable(manifest[1], manifest[2])) return send(res, 405, DISALLOWED);
        if (manifest && req.method === "DELETE" && !(await attributes.deletable(manifest[1], manifest[2])))
            return send(res, 405, DISALLOWED);
        pipe(res, await forward(registry!.host, req.method!, req.url!, req.headers, body));
    }
    await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
    return {
        host,
        caCertPem: cert.certPem,
        issuer,
        attributes,
        stop: async () => {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
            await registry!.stop();
            fs.rmSync(dir, { recursive: true, force: true });
        },
    };
}

const agent = new http.Agent({ keepAlive: false });

function forward(
    target: string,
    method: string,
    pathname: string,
    headers: http.IncomingHttpHeaders,
    body?: Buffer,
): Promise<UpstreamResponse> {
    const [hostname, port] = target.split(":");
    return new Promise((resolve, reject) => {
        const request = http.request(
            { host: hostname, port: Number(port), method, path: pathname, headers: { ...headers, host: target }, agent },
            (res) => {
                readAll(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
            },
        );
        request.on("error", reject);
        request.end(body && body.length > 0 ? body : undefined);
    });
}

function pipe(res: http.ServerResponse, upstream: UpstreamResponse): void {
    const headers = { ...upstream.headers };
    delete headers["transfer-encoding"];
    delete headers.connection;
    // A HEAD answer keeps docker-registry's content-length: it describes the body a GET would get.
    if (!headers["content-length"] || upstream.body.length > 0) headers["content-length"] = String(upstream.body.length);
    res.writeHead(upstream.status, headers);
    res.end(upstream.body);
}
