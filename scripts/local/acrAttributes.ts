import * as http from "http";
import { AcrAccess } from "./acrAccess";

/** ACR's changeable attributes of a tag or manifest (data-plane API 2021-07-01). */
export interface ChangeableAttributes {
    deleteEnabled: boolean;
    writeEnabled: boolean;
    readEnabled: boolean;
    listEnabled: boolean;
}

export interface UpstreamResponse {
    status: number;
    headers: http.IncomingHttpHeaders;
    body: Buffer;
}

/** A request to docker-registry with a token for `scope` (the stand-in's own, not the caller's). */
export type Upstream = (method: string, path: string, scope: string, headers?: Record<string, string>) => Promise<UpstreamResponse>;

const MANIFEST_ACCEPT = "application/vnd.oci.image.manifest.v1+json, application/vnd.docker.distribution.manifest.v2+json";
const ATTRIBUTES = /^\/acr\/v1\/(.+)\/(_tags|_manifests)\/([^/]+)$/;

export const DISALLOWED = {
    errors: [{ code: "REGISTRY_DISALLOWED_OPERATION", message: "The operation is disallowed on this registry, repository or image." }],
};

interface Stored {
    attributes: ChangeableAttributes;
    createdTime: string;
    lastUpdateTime: string;
}

/**
 * /acr/v1: the catalog, and GET/PATCH/DELETE of tag and manifest attributes, answered in the shapes of ACR's
 * data-plane spec from what docker-registry holds. Attributes live in memory; writeEnabled=false is enforced
 * by the stand-in's proxy through `tagWritable` and `deletable`.
 */
export class AcrAttributes {
    private readonly stored = new Map<string, Stored>();

    constructor(
        private readonly access: AcrAccess,
        private readonly upstream: Upstream,
        private readonly registryName: () => string,
    ) {}

    tagWritable(repository: string, tag: string): boolean {
        return this.stored.get(`${repository}:${tag}`)?.attributes.writeEnabled ?? true;
    }

    /** A manifest may be deleted unless it or a tag on it is write- or delete-disabled. */
    async deletable(repository: string, digest: string): Promise<boolean> {
        const keys = [`${repository}@${digest}`, ...(await this.tagsOf(repository, digest)).map((tag) => `${repository}:${tag}`)];
        return keys.every((key) => {
            const attributes = this.stored.get(key)?.attributes;
            return !attributes || (attributes.writeEnabled && attributes.deleteEnabled);
        });
    }

    /** Answers an /acr/v1 request; false when the path is not one of ours. */
    async handle(req: http.IncomingMessage, res: http.ServerResponse, url: URL, body: Buffer): Promise<boolean> {
        if (url.pathname === "/acr/v1/_catalog" && req.method === "GET") {
            if (await this.refused(req, res, "registry", "catalog", "*")) return true;
            const upstream = await this.upstream("GET", `/v2/_catalog${url.search}`, "registry:catalog:*");
            const link = upstream.headers.link;
            send(
                res,
                upstream.status,
                upstream.body.toString(),
                link ? { link: String(link).replace("/v2/_catalog", "/acr/v1/_catalog") } : {},
            );
            return true;
        }
        const match = ATTRIBUTES.exec(url.pathname);
        if (!match) return false;
        // Microsoft's client escapes the "/" of repository names and the ":" of digests; ACR accepts either form.
        const [repository, kind, reference] = match.slice(1).map(decodeURIComponent);
        const action =
            req.method === "GET" ? "metadata_read" : req.method === "PATCH" ? "metadata_write" : req.method === "DELETE" ? "delete" : "";
        if (!action) return (send(res, 405, { errors: [{ code: "UNSUPPORTED", message: "method not allowed" }] }), true);
        if (await this.refused(req, res, "repository", repository, action)) return true;
        const digest = await this.digestOf(repository, reference);
        if (!digest) {
            const code = kind === "_tags" ? "TAG_UNKNOWN" : "MANIFEST_UNKNOWN";
            return (send(res, 404, { errors: [{ code, message: `${reference} not found` }] }), true);
        }
        const key = kind === "_tags" ? `${repository}:${reference}` : `${repository}@${digest}`;
        if (req.method === "PATCH") {
            const problem = this.update(key, body);
            if (problem) return (send(res, 400, { errors: [{ code: "BAD_REQUEST", message: problem }] }), true);
        }
        if (req.method === "DELETE") return (this.delete(res, repository, kind, reference, digest), true);
        send(res, 200, await this.properties(repository, kind, reference, digest, key));
        return true;
    }

    private async refused(
        req: http.IncomingMessage,
        res: http.ServerResponse,
        type: string,
        name: string,
        action: string,
    ): Promise<boolean> {
        const check = await this.access.check(req.headers.authorization, type, name, action);
        if (check.ok) return false;
        send(res, 401, { errors: [{ code: "UNAUTHORIZED", message: "authentication required" }] }, { "www-authenticate": check.challenge });
        return true;
    }

    private entry(key: string): Stored {
        let entry = this.stored.get(key);
        if (!entry) {
            const now = new Date().toISOString();
            entry = {
                attributes: { deleteEnabled: true, writeEnabled: true, readEnabled: true, listEnabled: true },
                createdTime: now,
                lastUpdateTime: now,
            };
            this.stored.set(key, entry);
        }
        return entry;
    }

    /** Applies a PATCH body of changeable attributes; returns what is wrong with it, if anything. */
    private update(key: string, body: Buffer): string | undefined {
        let parsed: unknown;
        try {
            parsed = JSON.parse(body.toString("utf8"));
        } catch {
            return "the body must be JSON";
        }
        if (!parsed || typeof parsed !== "object" || Array.isArray(parsed)) return "the body must be a JSON object";
        const entry = this.entry(key);
        for (const [name, value] of Object.entries(parsed as Record<string, unknown>)) {
            if (!(name in entry.attributes) || typeof value !== "boolean") return `${name} is not a changeable attribute or not a boolean`;
            entry.attributes[name as keyof ChangeableAttributes] = value;
        }
        entry.lastUpdateTime = new Date().toISOString();
        return undefined;
    }

    private async delete(res: http.ServerResponse, repository: string, kind: string, reference: string, digest: string): Promise<void> {
        if (!(await this.deletable(repository, digest))) return send(res, 405, DISALLOWED);
        if (kind === "_tags") {
            // docker-registry 2.8 cannot delete a tag alone; ACR can. Refused rather than faked by deleting the manifest.
            return send(res, 405, { errors: [{ code: "UNSUPPORTED", message: "tag deletion is not supported by this stand-in" }] });
        }
        const upstream = await this.upstream("DELETE", `/v2/${repository}/manifests/${digest}`, `repository:${repository}:delete`);
        send(res, upstream.status === 202 ? 202 : upstream.status, upstream.status === 202 ? "" : upstream.body.toString());
    }

    private async properties(repository: string, kind: string, reference: string, digest: string, key: string): Promise<unknown> {
        const entry = this.entry(key);
        const common = { createdTime: entry.createdTime, lastUpdateTime: entry.lastUpdateTime, changeableAttributes: entry.attributes };
        const registry = this.registryName();
        if (kind === "_tags") return { registry, imageName: repository, tag: { name: reference, digest, signed: false, ...common } };
        const tags = await this.tagsOf(repository, digest);
        return { registry, imageName: repository, manifest: { digest, tags, ...common } };
    }

    private async digestOf(repository: string, reference: string): Promise<string | undefined> {
        const head = await this.upstream("HEAD", `/v2/${repository}/manifests/${reference}`, `repository:${repository}:pull`, {
            accept: MANIFEST_ACCEPT,
        });
        return head.status === 200 ? String(head.headers["docker-content-digest"]) : undefined;
    }

    private async tagsOf(repository: string, digest: string): Promise<string[]> {
        const list = await this.upstream("GET", `/v2/${repository}/tags/list`, `repository:${repository}:pull`);
        const tags = list.status === 200 ? ((JSON.parse(list.body.toString()) as { tags?: string[] | null }).tags ?? []) : [];
        const matching: string[] = [];
        for (const tag of tags) if ((await this.digestOf(repository, tag)) === digest) matching.push(tag);
        return matching;
    }
}

export function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    const text = typeof body === "string" ? body : JSON.stringify(body);
    res.writeHead(status, { "content-type": "application/json", "content-length": String(Buffer.byteLength(text)), ...headers });
    res.end(text);
}
