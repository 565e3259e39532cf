import * as assert from "assert";
import { describePending, findPending, recoveryPlan } from "../../components/release/history/pendingRelease";
import { ReleaseRecord, ReleaseStatus } from "../../components/release/history/releaseRecords";

const STARTED = new Date("2026-12-03T08:00:00.000Z");

function record(revision: number, status: ReleaseStatus, startedAt = STARTED): ReleaseRecord {
    return {
        secretName: `sh.helm.release.v1.web.v${revision}`,
        revision,
        status,
        startedAt,
        chartVersion: `0.${revision}.0`,
        manifest: "",
        release: {},
        resourceVersion: String(revision),
    };
}

describe("pending Helm releases", () => {
    it("a release whose latest revision is deployed, failed or superseded is not pending", () => {
        for (const status of ["deployed", "failed", "superseded", "uninstalled"] as const)
            assert.strictEqual(findPending([record(1, "superseded"), record(2, status)]), undefined, status);
        assert.strictEqual(findPending([]), undefined);
    });

    it("each pending-* latest revision is found, with how long it has been pending and the last deployed revision", () => {
        for (const status of ["pending-install", "pending-upgrade", "pending-rollback"] as const) {
            const pending = findPending(
                [record(1, "superseded"), record(2, "deployed"), record(3, status)],
                new Date(STARTED.getTime() + 754_000),
            );
            assert.ok(pending, status);
            assert.deepStrictEqual([pending.record.revision, pending.lastDeployed?.revision, pending.pendingSeconds], [3, 2, 754]);
            assert.strictEqual(
                describePending(pending),
                `${status} at revision 3 (chart 0.3.0) for 13 min, since 2026-12-03T08:00:00.000Z; last deployed: revision 2`,
            );
            assert.match(recoveryPlan(pending), /revision 3 is marked failed, so the next upgrade starts from revision 2/);
        }
    });

    it("a pending revision older than the others counts only when it is the latest", () => {
        assert.strictEqual(findPending([record(1, "pending-install"), record(2, "deployed")]), undefined);
    });

    it("an install that never deployed is recovered by removing its records", () => {
        const pending = findPending([record(1, "pending-install")], new Date(STARTED.getTime() + 30_000));
        assert.ok(pending);
        assert.strictEqual(pending.lastDeployed, undefined);
        assert.match(describePending(pending), /^pending-install at revision 1 \(chart 0\.1\.0\) for 30 s, .*; never deployed$/);
        assert.match(recoveryPlan(pending), /never-deployed install is uninstalled/);
    });

    it("a clock behind the record's start gives 0 s, not a negative age", () => {
        assert.strictEqual(findPending([record(1, "pending-install")], new Date(STARTED.getTime() - 5000))?.pendingSeconds, 0);
    });
});
