import { currentLimits, remainingMs } from "../distribution/http/deadline";
import { OciConflictError, OciError } from "../distribution/errors";
import { registryErrorOf } from "../distribution/errorMessages";
import { OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";
import { Repository } from "../distribution/repository";
import { backoffDelayMs, isRetryableStatus } from "../distribution/http/retry";
import { header, HttpResponse } from "../distribution/http/transport";
import { manifestPath } from "../distribution/registryPaths";

/** One version being published: where, under which tag, and which manifest. */
export interface TagWrite {
    repository: Repository;
    version: string;
    tag: string;
    manifest: Buffer;
    digest: string;
}

const PUSH: ["pull", "push"] = ["pull", "push"];

/** What the version's tag names right now (undefined when absent). */
export function currentTagDigest(write: TagWrite): Promise<string | undefined> {
    return write.repository.headManifest(write.tag, "push", PUSH);
}

/** Another writer's manifest holds the version: names both digests and the two ways out. */
export function conflictError(write: TagWrite, existing: string | undefined, when: string): OciConflictError {
    const { repository, version, tag, digest } = write;
    const other = existing ? `the tag now names ${existing}` : "the tag no longer names this push's manifest";
    return new OciConflictError(
        `push ${repository.ref} failed: ${when} another writer published version ${version} (tag ${tag}) with different ` +
            `content; ${other}, not this push's ${digest}. This chart was not published under that version: bump the chart version, ` +
            `or, once you have decided which content should win, push again with allowOverwrite.`,
        {
            operation: "push",
            registry: repository.registry,
            repository: repository.name,
            code: "VERSION_CONFLICT",
            existingDigest: existing,
            attemptedDigest: digest,
        },
    );
}

/** The version already exists with other content and overwriting was not asked for. */
export function versionExistsError(write: TagWrite, existing: string): OciConflictError {
    const { repository, version, tag, digest } = write;
    return new OciConflictError(
        `push ${repository.ref} refused: version ${version} (tag ${tag}) already exists with different ` +
            `content (${existing}, new ${digest}). Chart versions are immutable: bump the chart version, ` +
            `or set allowOverwrite to replace it.`,
        {
            operation: "push",
            registry: repository.registry,
            repository: repository.name,
            code: "VERSION_EXISTS",
            existingDigest: existing,
            attemptedDigest: digest,
        },
    );
}

/**
 * Checks, just before writing a new version, that nobody published it during the blob uploads.
 * Returns true when the tag already names exactly this manifest (an identical concurrent push).
 */
export async function claimNewVersion(write: TagWrite): Promise<boolean> {
    const now = await currentTagDigest(write);
    if (now === undefined) return false;
    if (now === write.digest) return true;
    throw conflictError(write, now, "while this push was uploading,");
}

/** Blob checks a registry may fail transiently while another writer re-links the same blob (distribution's link files). */
const BLOB_VERIFICATION_CODES = new Set(["DIGEST_INVALID", "MANIFEST_BLOB_UNKNOWN"]);

/** A PUT worth repeating: a dropped connection, 429/5xx, or (once) a failed blob verification. */
function transient(attempt: number, response: HttpResponse | undefined, code: string | undefined): boolean {
    if (!response) return true;
    return isRetryableStatus(response.status) || (attempt === 1 && response.status === 400 && BLOB_VERIFICATION_CODES.has(code ?? ""));
}

/**
 * PUTs the manifest by tag and returns how long the registry took (ms). Retries happen here, not in the
 * client, because every retry must first read the tag again: another writer may have published meanwhile.
 * A refused write is explained the same way: the tag naming another manifest than `expected` (what it named
 * before) means another writer won (e.g. it locked the tag).
 */
export async function putManifest(write: TagWrite, expected: string | undefined): Promise<number> {
    const { client } = write.repository;
    const ctx = { operation: "push" as const, registry: client.registry, repository: write.repository.name, identity: client.identity };
    for (let attempt = 1; ; attempt++) {
        const started = Date.now();
        let response: HttpResponse | undefined;
        let dropped: OciError | undefined;
        try {
            response = await sendManifest(write);
        } catch (error) {
            if (!(error instanceof OciError && error.code === "CONNECTION_FAILED")) throw error;
            dropped = error;
        }
        const stored = response && header(response, "docker-content-digest");
        if (response?.status === 201 && (stored === undefined || stored === write.digest)) return Date.now() - started;
        const registryError = response && response.status !== 201 ? registryErrorOf(response.body) : undefined;
        const again = attempt < client.retryOptions.maxAttempts && transient(attempt, response, registryError?.code);
        if (again) {
            client.stats.retries++;
            await client.waitBeforeRetry(
                backoffDelayMs(attempt, client.retryOptions, response),
                `PUT manifest ${write.tag}: ${response ? `HTTP ${response.status}` : "connection dropped"}`,
                ctx,
            );
        }
        if (response?.status !== 201) {
            const now = await currentTagDigest(write);
            if (dropped && now === write.digest) return Date.now() - started;
            if (now !== undefined && now !== expected && now !== write.digest) throw conflictError(write, now, "at the same time,");
        }
        if (!again) throw dropped ?? putError(write, attempt, response!, registryError, stored);
    }
}

function sendManifest(write: TagWrite): Promise<HttpResponse> {
    const { client, name } = write.repository;
    return client.send({
        operation: "push",
        repository: name,
        actions: PUSH,
        method: "PUT",
        path: manifestPath(name, write.tag),
        body: write.manifest,
        headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
        retry: false,
    });
}

function putError(
    write: TagWrite,
    attempts: number,
    response: HttpResponse,
    registryError: { code?: string; message?: string } | undefined,
    stored: string | undefined,
): OciError {
    const { repository, tag } = write;
    const status = response.status;
    return new OciError(
        `push ${repository.ref} failed: PUT manifest ${tag} returned HTTP ${status}` +
            (attempts > 1 ? ` (after ${attempts} attempts)` : "") +
            (registryError ? `: ${registryError.code ?? ""} ${registryError.message ?? ""}`.trimEnd() : "") +
            (stored && stored !== write.digest ? ` with digest ${stored} instead of ${write.digest}` : "") +
            (status === 405 ? " (the version may be locked: writeEnabled false)" : "") +
            ".",
        { operation: "push", registry: repository.registry, repository: repository.name, status, code: registryError?.code },
    );
}

/** After writing (and locking), the tag must name this push's manifest; otherwise another writer got there. */
export async function confirmTag(write: TagWrite): Promise<void> {
    const now = await currentTagDigest(write);
    if (now !== write.digest) throw conflictError(write, now, "at the same time,");
}

/**
 * How long to wait before the second read-back on a registry without locks: a competing PUT sent before
 * ours landed can still be in the registry's hands; it takes about as long as ours did.
 */
export function settleMs(putMs: number): number {
    return Math.min(3000, Math.max(200, 3 * putMs));
}

/**
 * Read-back for registries that cannot lock a tag (plain OCI registries): wait for competing PUTs already in
 * flight to land, then confirm. This narrows the race to a competitor whose PUT takes longer than the wait to
 * land; it cannot close it, because such registries offer no conditional write. A read right after the PUT would
 * find nothing this one misses: a tag moved by another writer stays moved unless it gets this very manifest back.
 */
export async function confirmTagSettled(write: TagWrite, putMs: number): Promise<void> {
    const limits = currentLimits();
    const wait = Math.min(settleMs(putMs), limits ? remainingMs(limits) / 2 : Infinity);
    await new Promise((resolve) => setTimeout(resolve, wait));
    await confirmTag(write);
}
