import { LockMode, lockApplies, setVersionWritable, VersionWritableResult } from "../distribution/acr/acrLock";
import { openRepository, RegistryConnectionOptions } from "../distribution/connection";
import { Repository } from "../distribution/repository";
import { TimeoutOptions } from "../distribution/http/deadline";
import { OciError } from "../distribution/errors";
import { ChartToPush } from "./manifest";
import { ChartPushPlan, planChartPush } from "./pushPlan";
import {
    claimNewVersion,
    confirmTag,
    confirmTagSettled,
    conflictError,
    currentTagDigest,
    putManifest,
    TagWrite,
    versionExistsError,
} from "./tagWrite";

/** How a planned artifact is published. */
export interface PushPolicy extends TimeoutOptions {
    /** Replace different content already under this version's tag (unlocking it first where locks apply). Default false (versions are immutable). */
    allowOverwrite?: boolean;
    /**
     * After publishing, lock the version (writeEnabled false on its tag and manifest, Azure Container Registry's
     * data-plane API) so no later push can replace it. "auto" (default) locks on *.azurecr.io registries and
     * publishes unlocked when the identity may not write metadata; true requires the lock; false never locks.
     */
    lockAfterPush?: LockMode;
}

export interface PushChartOptions extends PushPolicy, RegistryConnectionOptions {
    /** PackagedChart from packageChart(), or any { metadata, archive }. */
    chart: ChartToPush;
    /** Full repository path including the chart name, e.g. "helm/hello-acr". */
    repository: string;
    /** Extra manifest annotations; they override Chart.yaml's except title and version. Default none. */
    annotations?: Record<string, string>;
}

export interface PushChartResult {
    /** registry/repository:tag */
    ref: string;
    tag: string;
    /** manifest digest "sha256:..." */
    digest: string;
    /** digest of the chart .tgz layer */
    chartDigest: string;
    /** size of the chart .tgz in bytes */
    size: number;
    /** blobs this push sent (one it knew the registry held is not sent; small ones are sent without asking) */
    pushedBlobs: number;
    /** true when the tag already pointed at exactly this manifest and nothing was sent */
    skipped: boolean;
    /** true when this push locked the version's tag and manifest (writeEnabled false) */
    locked: boolean;
}

/** Builds the chart's artifact and publishes it (pushArtifact): the entry point of the CLI and library users. */
export async function pushChart(options: PushChartOptions): Promise<PushChartResult> {
    const plan = planChartPush(options.chart, options.repository, options.annotations, options.registry);
    return pushArtifact(openRepository(options, plan.repository), plan, options);
}

/**
 * Publishes a planned artifact as Helm does: HEAD the tag first (unchanged -> done), upload missing blobs, and PUT
 * the manifest by tag only after every blob is in place, so an interrupted push never tags an incomplete
 * artifact. Concurrent pushes of one version: the tag is checked again right before the write and read
 * back after it (and after locking it, where locks apply); a push that lost the race fails with
 * OciConflictError (VERSION_CONFLICT) instead of reporting success.
 */
export async function pushArtifact(repository: Repository, plan: ChartPushPlan, policy: PushPolicy = {}): Promise<PushChartResult> {
    return pushArtifactWith(repository, plan, policy, confirmTagSettled);
}

function checkPlanRepository(repository: Repository, plan: ChartPushPlan): void {
    if (repository.name !== plan.repository) {
        throw new OciError(`push ${repository.ref} refused: the plan is for repository ${plan.repository}.`, {
            operation: "validate",
            registry: repository.registry,
            repository: repository.name,
            code: "NAME_MISMATCH",
        });
    }
}

function writeOf(repository: Repository, plan: ChartPushPlan): TagWrite {
    const { artifact } = plan;
    return { repository, version: plan.version, tag: plan.tag, manifest: artifact.manifest, digest: artifact.manifestDigest };
}

/**
 * How a write to a tag that could not be locked is read back: after a pause, at once (pushArtifact), or later
 * together with other publications' (pushCharts). It must throw when another writer holds the tag by then.
 */
export type UnlockedReadBack = (write: TagWrite, putMs: number) => Promise<void>;

/** pushArtifact with the read-back of an unlocked tag left to the caller (see UnlockedReadBack). */
export async function pushArtifactWith(
    repository: Repository,
    plan: ChartPushPlan,
    policy: PushPolicy,
    readBack: UnlockedReadBack,
): Promise<PushChartResult> {
    checkPlanRepository(repository, plan);
    return repository.operation(policy, () => publish(policy, plan, writeOf(repository, plan), readBack));
}

async function publish(options: PushPolicy, plan: ChartPushPlan, write: TagWrite, readBack: UnlockedReadBack): Promise<PushChartResult> {
    const { artifact } = plan;
    const { repository } = write;
    const result = (skipped: boolean, pushedBlobs: number, locked: boolean): PushChartResult => ({
        ref: `${repository.ref}:${write.tag}`,
        tag: write.tag,
        digest: write.digest,
        chartDigest: artifact.chartDescriptor.digest,
        size: plan.archive.length,
        pushedBlobs,
        skipped,
        locked,
    });
    const existing = await currentTagDigest(write);
    if (existing === write.digest) return result(true, 0, false);
    if (existing !== undefined && !options.allowOverwrite) throw versionExistsError(write, existing);
    const locks = lockApplies(options.lockAfterPush, repository.registry);
    // The blobs upload at once; the manifest waits for all of them, so a failed upload never leaves a tag.
    const uploaded = await Promise.all([
        repository.ensureBlob(artifact.configDescriptor, artifact.config),
        repository.ensureBlob(artifact.chartDescriptor, plan.archive),
        ...(artifact.provenanceDescriptor && plan.provenance
            ? [repository.ensureBlob(artifact.provenanceDescriptor, plan.provenance)]
            : []),
    ]);
    const pushedBlobs = uploaded.filter(Boolean).length;
    if (existing === undefined) {
        if (await claimNewVersion(write)) return result(false, pushedBlobs, false);
    } else if (locks) {
        await setVersionWritable(repository.client, options.lockAfterPush, repository.name, write.tag, existing, true);
    }
    const putMs = await putManifest(write, existing);
    const lock = locks ? await lockPublished(options.lockAfterPush, write) : undefined;
    if (lock?.tagDigest !== undefined && lock.tagDigest !== write.digest) throw conflictError(write, lock.tagDigest, "at the same time,");
    // A locked tag cannot move any more, so one read-back is final; an unlocked one is read again after a pause.
    await (lock?.applied ? confirmTag(write) : readBack(write, putMs));
    return result(false, pushedBlobs, lock?.applied ?? false);
}

/** Locks the version just written; a failure says that the chart is published, only not locked. */
async function lockPublished(mode: LockMode | undefined, write: TagWrite): Promise<VersionWritableResult> {
    try {
        return await setVersionWritable(write.repository.client, mode, write.repository.name, write.tag, write.digest, false);
    } catch (error) {
        if (!(error instanceof OciError)) throw error;
        throw new OciError(
            `Version ${write.version} of ${write.repository.ref} is published (${write.digest}) but not locked. ${error.message}`,
            { ...error },
        );
    }
}
