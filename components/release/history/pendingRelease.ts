import { deleteObjects } from "../cluster/objectDeletion";
import { parseManifest } from "../manifestObjects";
import { ReleaseRecord, ReleaseRecords } from "./releaseRecords";

const PENDING = new Set(["pending-install", "pending-upgrade", "pending-rollback"]);
const SERVED = new Set(["deployed", "superseded"]);

/** A release whose latest revision is still pending: Helm refuses every new operation on it. */
export interface PendingRelease {
    readonly record: ReleaseRecord;
    /** The newest revision that was deployed, if any. */
    readonly lastDeployed?: ReleaseRecord;
    readonly pendingSeconds: number;
}

/** The pending latest revision of a release, if it has one. */
export function findPending(records: readonly ReleaseRecord[], now: Date = new Date()): PendingRelease | undefined {
    const latest = records.at(-1);
    if (!latest || !PENDING.has(latest.status)) return undefined;
    const lastDeployed = records.filter((record) => record !== latest && SERVED.has(record.status)).at(-1);
    return { record: latest, lastDeployed, pendingSeconds: Math.max(0, Math.round((now.getTime() - latest.startedAt.getTime()) / 1000)) };
}

/** E.g. `pending-upgrade at revision 3 (chart 0.2.0) for 12 min, since 2026-12-03T08:00:00.000Z; last deployed: revision 2`. */
export function describePending(pending: PendingRelease): string {
    const { record, lastDeployed } = pending;
    const chart = record.chartVersion ? ` (chart ${record.chartVersion})` : "";
    const deployed = lastDeployed ? `last deployed: revision ${lastDeployed.revision}` : "never deployed";
    return `${record.status} at revision ${record.revision}${chart} for ${duration(pending.pendingSeconds)}, since ${record.startedAt.toISOString()}; ${deployed}`;
}

/** What recovering does to this release, in words. */
export function recoveryPlan(pending: PendingRelease): string {
    return pending.lastDeployed
        ? `revision ${pending.record.revision} is marked failed, so the next upgrade starts from revision ${pending.lastDeployed.revision}, the last deployed`
        : `the never-deployed install is uninstalled (its objects and records deleted, as helm uninstall does), so the next install starts afresh`;
}

/**
 * Ends the pending revision so Helm accepts the next operation: a release that was deployed before gets the pending
 * revision marked failed (Helm then upgrades from the last deployed revision, as after any failed upgrade); a
 * release that was never deployed is uninstalled: the objects of its manifest, then its records.
 */
export async function recoverPending(store: ReleaseRecords, records: readonly ReleaseRecord[], pending: PendingRelease): Promise<string> {
    if (pending.lastDeployed) {
        await store.setStatus(pending.record, "failed", `Interrupted ${pending.record.status}: marked failed to recover the release`);
    } else {
        await deleteObjects(store.api, parseManifest(pending.record.manifest, store.namespace));
        for (const record of records) await store.remove(record);
    }
    return `recovered from ${pending.record.status} at revision ${pending.record.revision}: ${recoveryPlan(pending)}`;
}

function duration(seconds: number): string {
    if (seconds < 120) return `${seconds} s`;
    if (seconds < 7200) return `${Math.round(seconds / 60)} min`;
    return `${Math.round(seconds / 3600)} h`;
}
