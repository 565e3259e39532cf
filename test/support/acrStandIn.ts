import * as http from "http";
import { AddressInfo } from "net";
import { DISALLOWED } from "../../scripts/local/acrAttributes";
import { readAll } from "../../scripts/local/readAll";
import { ReferrersApi } from "./referrersApi";

/** One PATCH to the /acr/v1 API, as received. */
export interface RecordedPatch {
    path: string;
    apiVersion: string | null;
    contentType: string | undefined;
    authorization: string | undefined;
    body: unknown;
}

const OCI_ACCEPT = "application/vnd.oci.image.manifest.v1+json";
const DISALLOWED_BODY = JSON.stringify(DISALLOWED);

/**
 * A stand-in for Azure Container Registry's lock API in front of a real docker-registry (htpasswd auth):
 * PATCH /acr/v1/<repository>/_tags/<tag> and /_manifests/<digest> with {"writeEnabled": bool} are
 * recorded and answered in the shape of ACR's data-plane API (2021-07-01); a locked tag refuses manifest
 * PUTs and a locked tag or manifest refuses DELETE, with 405 REGISTRY_DISALLOWED_OPERATION as ACR answers.
 * It also serves the OCI 1.1 Referrers API, as ACR does (see ReferrersApi). Everything else is forwarded
 * unchanged. It models the documented behaviour only; real ACR is not involved.
 */
export class AcrStandIn {
    readonly patches: RecordedPatch[] = [];
    /** "<repository>:<tag>" and "<repository>@<digest>" currently write-disabled */
    readonly locked = new Set<string>();
    readonly referrers = new ReferrersApi();
    /** answer every PATCH with 403 DENIED, like an identity without metadata_write */
    denyLocks = false;
    /** runs once, before the next manifest PUT is looked at: lets a test slip another writer in */
    beforeNextManifestPut?: () => Promise<void>;
    host = "";
    private server?: http.Server;
    private readonly agent = new http.Agent({ keepAlive: false });

    constructor(
        private readonly targetPort: number,
        private readonly expectedAuthorization: string,
    ) {}

    async start(): Promise<this> {
        this.server = http.createServer((req, res) => void this.handle(req, res).catch(() => res.destroy()));
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.host = `127.0.0.1:${(this.server.address() as AddressInfo).port}`;
        return this;
    }

    async stop(): Promise<void> {
        this.server?.closeAllConnections();
        await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
        this.agent.destroy();
    }

    private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
        const url = new URL(req.url ?? "/", "http://stand-in");
        const body = await readAll(req);
        const acr = /^\/acr\/v1\/(.+)\/(_tags|_manifests)\/([^/]+)$/.exec(url.pathname);
        if (acr && req.method === "PATCH") return this.patch(req, res, url, body, acr[1], acr[2], acr[3]);
        const referrers = /^\/v2\/(.+)\/referrers\/(sha256:[a-f0-9]{64})$/.exec(url.pathname);
        if (referrers && req.method === "GET") {
            if (req.headers.authorization !== this.expectedAuthorization)
                return send(res, 401, JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }), {
                    "www-authenticate": 'Basic realm="test-registry"',
                });
            const answer = this.referrers.answer(referrers[1], referrers[2], url.searchParams.get("artifactType"));
            return send(res, 200, answer.body, answer.headers);
        }
        const manifest = /^\/v2\/(.+)\/manifests\/([^/]+)$/.exec(url.pathname);
        const hook = manifest && req.method === "PUT" ? this.beforeNextManifestPut : undefined;
        if (hook) {
            this.beforeNextManifestPut = undefined;
            await hook();
        }
        if (manifest && req.method === "PUT" && this.locked.has(`${manifest[1]}:${manifest[2]}`)) return send(res, 405, DISALLOWED_BODY);
        if (manifest && req.method === "DELETE" && (await this.deleteBlocked(req, manifest[1], manifest[2])))
            return send(res, 405, DISALLOWED_BODY);
        const upstream = await this.forward(req.method ?? "GET", req.url ?? "/", req.headers, body);
        if (manifest && req.method === "PUT" && upstream.status === 201) {
            const subject = this.referrers.stored(manifest[1], body);
            if (subject) upstream.headers["oci-subject"] = subject;
        }
        res.writeHead(upstream.status, upstream.headers);
        res.end(upstream.body);
    }

    private async patch(
        req: http.IncomingMessage,
        res: http.ServerResponse,
        url: URL,
        body: Buffer,
        repository: string,
        kind: string,
        reference: string,
    ): Promise<void> {
        let parsed: unknown;
        try {
            parsed = JSON.parse(body.toString());
        } catch {
            parsed = body.toString();
        }
        this.patches.push({
            path: url.pathname,
            apiVersion: url.searchParams.get("api-version"),
            contentType: req.headers["content-type"],
            authorization: req.headers.authorization,
            body: parsed,
        });
        if (req.headers.authorization !== this.expectedAuthorization) {
            return send(res, 401, JSON.stringify({ errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }), {
                "www-authenticate": 'Basic realm="test-registry"',
            });
        }
        if (this.denyLocks)
            return send(res, 403, JSON.stringify({ errors: [{ code: "DENIED", message: "requested access to the resource is denied" }] }));
        const digest = await this.digestOf(req, repository, reference);
        if (!digest)
            return send(
                res,
                404,
                JSON.stringify({
                    errors: [{ code: kind === "_tags" ? "TAG_UNKNOWN" : "MANIFEST_UNKNOWN", message: `${reference} not found` }],
                }),
            );
        const writeEnabled = (parsed as { writeEnabled?: unknown }).writeEnabled;
        if (typeof writeEnabled !== "boolean")
            return send(res, 400, JSON.stringify({ errors: [{ code: "BAD_REQUEST", message: "writeEnabled must be a boolean" }] }));
        const key = kind === "_tags" ? `${repository}:${reference}` : `${repository}@${reference}`;
        if (writeEnabled) this.locked.delete(key);
        else this.locked.add(key);
        const attributes = { deleteEnabled: true, writeEnabled, readEnabled: true, listEnabled: true };
        const answer =
            kind === "_tags"
                ? { registry: this.host, imageName: repository, tag: { name: reference, digest, changeableAttributes: attributes } }
                : {
                      registry: this.host,
                      imageName: repository,
                      manifest: { digest, tags: await this.tagsOf(req, repository, digest), changeableAttributes: attributes },
                  };
        send(res, 200, JSON.stringify(answer));
    }

    private async deleteBlocked(req: http.IncomingMessage, repository: string, digest: string): Promise<boolean> {
        if (this.locked.has(`${repository}@${digest}`)) return true;
        const tags = await this.tagsOf(req, repository, digest);
        return tags.some((tag) => this.locked.has(`${repository}:${tag}`));
    }

    private async digestOf(req: http.IncomingMessage, repository: string, reference: string): Promise<string | undefined> {
        const head = await this.forward("HEAD", `/v2/${repository}/manifests/${reference}`, {
            authorization: req.headers.authorization,
            accept: OCI_ACCEPT,
        });
        return head.status === 200 ? String(head.headers["docker-content-digest"]) : undefined;
    }

    private async tagsOf(req: http.IncomingMessage, repository: string, digest: string): Promise<string[]> {
        const list = await this.forward("GET", `/v2/${repository}/tags/list`, { authorization: req.headers.authorization });
        const tags = list.status === 200 ? ((JSON.parse(list.body.toString()) as { tags?: string[] }).tags ?? []) : [];
        const matching: string[] = [];
        for (const tag of tags) if ((await this.digestOf(req, repository, tag)) === digest) matching.push(tag);
        return matching;
    }

    private forward(
        method: string,
        path: string,
        headers: http.IncomingHttpHeaders,
        body?: Buffer,
    ): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
        return new Promise((resolve, reject) => {
            const upstream = http.request(
                { host: "127.0.0.1", port: this.targetPort, method, path, headers: { ...headers, host: this.host }, agent: this.agent },
                (res) => {
                    readAll(res).then((data) => resolve({ status: res.statusCode ?? 502, headers: res.headers, body: data }), reject);
                },
            );
            upstream.on("error", reject);
            upstream.end(body && body.length > 0 ? body : undefined);
        });
    }
}

function send(res: http.ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
    res.writeHead(status, { "content-type": "application/json", ...headers });
    res.end(body);
}
