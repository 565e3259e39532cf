import * as zlib from "zlib";
import { apiReason, KubeApi, KubeApiError } from "../cluster/kubeApi";

/** Helm's status of one release revision (`helm history`). */
export type ReleaseStatus =
    | "unknown"
    | "deployed"
    | "uninstalled"
    | "superseded"
    | "failed"
    | "uninstalling"
    | "pending-install"
    | "pending-upgrade"
    | "pending-rollback";

/** One revision of a Helm release as Helm 3 and 4 store it: a Secret `sh.helm.release.v1.<name>.v<revision>`. */
export interface ReleaseRecord {
    readonly secretName: string;
    readonly revision: number;
    readonly status: ReleaseStatus;
    /** When the revision's operation started (Helm's `info.last_deployed`), else when its Secret was written. */
    readonly startedAt: Date;
    readonly chartVersion?: string;
    /** The rendered manifest Helm applied for this revision. */
    readonly manifest: string;
    /** The decoded release, as Helm wrote it. */
    readonly release: Record<string, unknown>;
    readonly resourceVersion: string;
}

interface SecretItem {
    metadata: { name: string; resourceVersion: string; creationTimestamp?: string; labels?: Record<string, string> };
    data?: { release?: string };
}

/** Helm's storage of one release in one namespace. */
export class ReleaseRecords {
    constructor(
        readonly api: KubeApi,
        readonly namespace: string,
        readonly releaseName: string,
    ) {}

    /** Every stored revision, oldest first; none when the release or its namespace does not exist. */
    async list(): Promise<ReleaseRecord[]> {
        const selector = encodeURIComponent(`owner=helm,name=${this.releaseName}`);
        const response = await this.api.request("GET", `${this.secretsPath()}?labelSelector=${selector}`);
        if (response.status === 404) return [];
        if (response.status !== 200)
            throw new KubeApiError(
                `listing the Helm records of release "${this.releaseName}" in namespace "${this.namespace}": ${response.status} ${apiReason(response.body)}`,
                response.status,
            );
        const items = (JSON.parse(response.body) as { items?: SecretItem[] }).items ?? [];
        return items
            .filter((item) => item.metadata.name.startsWith(`sh.helm.release.v1.${this.releaseName}.v`))
            .map((item) => decodeRecord(item))
            .sort((a, b) => a.revision - b.revision);
    }

    /** Rewrites a revision's status, in its label and in the stored release, as Helm does when it finishes one. */
    async setStatus(record: ReleaseRecord, status: ReleaseStatus, description: string): Promise<void> {
        const info = { ...(record.release.info as Record<string, unknown>), status, description };
        const release = encodeRelease({ ...record.release, info });
        await this.api.json(
            "PATCH",
            `${this.secretsPath()}/${record.secretName}`,
            {
                metadata: { labels: { status }, resourceVersion: record.resourceVersion },
                data: { release: Buffer.from(release, "utf8").toString("base64") },
            },
            "application/merge-patch+json",
        );
    }

    /** Removes a revision's record (not the objects it created). */
    async remove(record: ReleaseRecord): Promise<void> {
        const response = await this.api.request("DELETE", `${this.secretsPath()}/${record.secretName}`, {
            preconditions: { resourceVersion: record.resourceVersion },
        });
        if (response.status !== 200 && response.status !== 404)
            throw new KubeApiError(
                `deleting Helm record ${record.secretName} in namespace "${this.namespace}": ${response.status} ${apiReason(response.body)}`,
                response.status,
            );
    }

    private secretsPath(): string {
        return `/api/v1/namespaces/${encodeURIComponent(this.namespace)}/secrets`;
    }
}

/** A Helm record the cluster sent back that is not what Helm writes: untrusted input, refused by name. */
export class ReleaseRecordError extends Error {
    constructor(secretName: string, reason: string) {
        super(`Helm release record ${secretName}: ${reason}`);
        this.name = "ReleaseRecordError";
    }
}

const GZIP_MAGIC = Buffer.from([0x1f, 0x8b]);
const MAX_RELEASE_BYTES = 32 * 1024 * 1024;

function decodeRecord(item: SecretItem): ReleaseRecord {
    const name = item.metadata.name;
    const revision = Number(/\.v(\d+)$/.exec(name)?.[1]);
    if (!Number.isSafeInteger(revision) || revision < 1) throw new ReleaseRecordError(name, "its name has no revision number");
    const stored = item.data?.release;
    if (typeof stored !== "string") throw new ReleaseRecordError(name, "it has no release data");
    const release = decodeRelease(name, Buffer.from(Buffer.from(stored, "base64").toString("utf8"), "base64"));
    const info = (release.info ?? {}) as { status?: unknown; last_deployed?: unknown };
    const status =
        typeof info.status === "string"
            ? (info.status as ReleaseStatus)
            : ((item.metadata.labels?.status as ReleaseStatus | undefined) ?? "unknown");
    const started = Date.parse(typeof info.last_deployed === "string" ? info.last_deployed : (item.metadata.creationTimestamp ?? ""));
    const chart = release.chart as { metadata?: { version?: unknown } } | undefined;
    return {
        secretName: name,
        revision,
        status,
        startedAt: new Date(Number.isNaN(started) ? 0 : started),
        chartVersion: typeof chart?.metadata?.version === "string" ? chart.metadata.version : undefined,
        manifest: typeof release.manifest === "string" ? release.manifest : "",
        release,
        resourceVersion: item.metadata.resourceVersion,
    };
}

function decodeRelease(name: string, encoded: Buffer): Record<string, unknown> {
    let json: Buffer = encoded;
    if (encoded.subarray(0, 2).equals(GZIP_MAGIC)) {
        try {
            json = zlib.gunzipSync(encoded, { maxOutputLength: MAX_RELEASE_BYTES });
        } catch {
            throw new ReleaseRecordError(name, "its release data is not valid gzip");
        }
    }
    try {
        const release = JSON.parse(json.toString("utf8")) as unknown;
        if (release && typeof release === "object" && !Array.isArray(release)) return release as Record<string, unknown>;
    } catch {
        // reported below
    }
    throw new ReleaseRecordError(name, "its release data is not a Helm release (JSON object)");
}

/** Helm's encoding of a release in its Secret: JSON, gzip, base64. */
export function encodeRelease(release: Record<string, unknown>): string {
    return zlib.gzipSync(Buffer.from(JSON.stringify(release), "utf8")).toString("base64");
}
