import { createHash } from "crypto";

const INDEX_MEDIA_TYPE = "application/vnd.oci.image.index.v1+json";

interface Referrer {
    mediaType: string;
    digest: string;
    size: number;
    artifactType?: string;
    annotations?: Record<string, string>;
}

/**
 * The OCI 1.1 Referrers API as Azure Container Registry serves it: a manifest stored with a `subject` is indexed
 * (the PUT answers `OCI-Subject`), and `GET /v2/<name>/referrers/<digest>` lists them, filtered by `artifactType`
 * when asked (answering `OCI-Filters-Applied`). An unknown subject gets an empty index, never a 404.
 */
export class ReferrersApi {
    private readonly bySubject = new Map<string, Referrer[]>();

    /** Indexes a manifest just stored; returns its subject's digest for the `OCI-Subject` header, if it has one. */
    stored(repository: string, body: Buffer): string | undefined {
        let manifest: {
            mediaType?: string;
            artifactType?: string;
            config?: { mediaType?: string };
            subject?: { digest?: string };
            annotations?: Record<string, string>;
        };
        try {
            manifest = JSON.parse(body.toString("utf8")) as typeof manifest;
        } catch {
            return undefined;
        }
        const subject = manifest.subject?.digest;
        if (typeof subject !== "string") return undefined;
        const referrer: Referrer = {
            mediaType: manifest.mediaType ?? "application/vnd.oci.image.manifest.v1+json",
            digest: "sha256:" + createHash("sha256").update(body).digest("hex"),
            size: body.length,
            artifactType: manifest.artifactType ?? manifest.config?.mediaType,
            ...(manifest.annotations ? { annotations: manifest.annotations } : {}),
        };
        const key = `${repository}@${subject}`;
        const listed = (this.bySubject.get(key) ?? []).filter((entry) => entry.digest !== referrer.digest);
        this.bySubject.set(key, [...listed, referrer]);
        return subject;
    }

    /** The answer to a referrers GET: the index body and its headers. */
    answer(repository: string, subject: string, artifactType: string | null): { body: string; headers: Record<string, string> } {
        const all = this.bySubject.get(`${repository}@${subject}`) ?? [];
        const manifests = artifactType ? all.filter((entry) => entry.artifactType === artifactType) : all;
        return {
            body: JSON.stringify({ schemaVersion: 2, mediaType: INDEX_MEDIA_TYPE, manifests }),
            headers: { "content-type": INDEX_MEDIA_TYPE, ...(artifactType ? { "oci-filters-applied": "artifactType" } : {}) },
        };
    }
}
