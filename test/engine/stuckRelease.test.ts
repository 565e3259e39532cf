import * as assert from "assert";
import { KubeApi } from "../../components/release/cluster/kubeApi";
import { clusterAccess } from "../../components/release/cluster/kubeconfigAccess";
import { ReleaseRecords } from "../../components/release/history/releaseRecords";
import { describeObjectChanges, parseManifest } from "../../components/release/objectChanges";
import { killTree } from "../../scripts/local/processTree";
import type { ScannedText } from "../../scripts/local/secretScanner";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import type { PublicationStack } from "./support/publicationStacks";
import { ReleaseCluster, startReleaseCluster } from "./support/releaseCluster";

const RELEASE = "web";
const NAMESPACE = "killed";
/** The release's timeout: how long its revision must be pending before recovery treats it as interrupted, and Helm's wait after it. */
const TIMEOUT = 20;

describe("ChartRelease after pulumi up was killed during the Helm install: preview names the stuck release, recoverPendingRelease recovers it", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(600_000);
    let env: ReleaseCluster;
    let web: PublicationStack;
    let records: ReleaseRecords;
    /** Every pulumi output of the suite, scanned for secrets at its end. */
    const outputs: ScannedText[] = [];
    const kept = <T extends { output: string }>(where: string, run: T): T => {
        outputs.push({ where, text: run.output });
        return run;
    };

    const history = () => env.history(RELEASE, NAMESPACE);
    const pendingSince = async () => (await records.list()).find((record) => record.status === "pending-install")?.startedAt;

    before(async function () {
        this.timeout(600_000);
        env = await startReleaseCluster();
        records = new ReleaseRecords(new KubeApi(clusterAccess(env.cluster.kubeconfig)), NAMESPACE, RELEASE);
        web = await env.releaseStack(NAMESPACE, { neverReady: "true", timeout: String(TIMEOUT) });
    });

    after(async () => {
        await env?.stop();
    });

    it("pulumi up SIGKILLed (with the engine and its plugins) while Helm waits for the pods leaves the release pending-install and the stack locked until pulumi cancel", async () => {
        let pid: number | undefined;
        const up = web.stack.up([], { onStart: (started) => (pid = started) });
        const deadline = Date.now() + 300_000;
        while (!(await pendingSince())) {
            assert.ok(Date.now() < deadline, "Helm wrote no pending-install record within 300 s");
            await new Promise((resolve) => setTimeout(resolve, 200));
        }
        assert.ok(pid);
        killTree(pid, true);
        const killed = kept("the killed up", await up);
        assert.notStrictEqual(killed.code, 0, killed.output);
        assert.deepStrictEqual(await history(), [[1, "pending-install", "Initial install underway"]]);
        // The killed run left its lock in the backend, as it would in CI; the user removes it as the CLI says.
        const locked = kept("the locked up", await web.stack.up());
        assert.notStrictEqual(locked.code, 0, locked.output);
        assert.match(locked.output, /the stack is currently locked by 1 lock\(s\).*pulumi cancel/s);
        const cancel = kept("pulumi cancel", await web.stack.run(["cancel", "--yes"]));
        assert.strictEqual(cancel.code, 0, cancel.output);
    });

    it("the next preview fails on the release, naming the revision, how long it has been pending and how to recover; it changes nothing", async () => {
        await web.stack.setConfig("neverReady", "false");
        const since = await pendingSince();
        assert.ok(since);
        const wait = since.getTime() + TIMEOUT * 1000 + 1000 - Date.now();
        if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
        const preview = kept("the failed preview", await web.stack.preview());
        assert.notStrictEqual(preview.code, 0, preview.output);
        assert.match(
            preview.output,
            /Helm release "web" in namespace "killed" is pending-install at revision 1 \(chart 0\.1\.0\) for \d+ s, since [0-9T:.-]+Z; never deployed\. An earlier operation on it was interrupted/,
        );
        assert.match(preview.output, /Set recoverPendingRelease: true on the ChartRelease/);
        assert.deepStrictEqual(await history(), [[1, "pending-install", "Initial install underway"]]);
    });

    it("with recoverPendingRelease, preview says what recovery does (and does nothing); up recovers, installs and waits for the pod", async () => {
        await web.stack.setConfig("recoverPendingRelease", "true");
        const preview = kept("the recovery's preview", await web.stack.preview());
        assert.strictEqual(preview.code, 0, preview.output);
        assert.match(
            preview.output,
            /Helm release web is stuck: pending-install at revision 1 .*; recovery: the never-deployed install is uninstalled/,
        );
        assert.deepStrictEqual(await history(), [[1, "pending-install", "Initial install underway"]], "preview changed nothing");

        const up = kept("the recovering up", await web.stack.up());
        assert.strictEqual(up.code, 0, up.output);
        const stackOutputs = await web.stack.outputs();
        assert.deepStrictEqual([stackOutputs.releaseStatus, stackOutputs.releaseRevision], ["deployed", 1]);
        assert.deepStrictEqual(await history(), [[1, "deployed", "Install complete"]]);
        const state = await web.stack.exportState();
        assert.match(
            state,
            /"lastRecovery": "[0-9T:.-]+Z: recovered from pending-install at revision 1: the never-deployed install is uninstalled/,
        );
        outputs.push({ where: "the export after recovery", text: state });

        const again = kept("the unchanged up", await web.stack.run(["up", "--yes", "--skip-preview", "--expect-no-changes"]));
        assert.strictEqual(again.code, 0, again.output);
    });

    it("preview of an upgrade lists the Kubernetes objects it changes, as helm template renders them, and changes nothing", async () => {
        await web.stack.setConfig("replicaCount", "2");
        const preview = kept("the upgrade's preview", await web.stack.preview());
        assert.strictEqual(preview.code, 0, preview.output);
        const render = async (set: string[]) =>
            parseManifest(
                await env.helm.run(["template", RELEASE, web.chartDir, "-n", NAMESPACE, ...set.flatMap((value) => ["--set", value])]),
                NAMESPACE,
            );
        const expected = describeObjectChanges(await render([]), await render(["replicaCount=2"]));
        assert.deepStrictEqual(expected, [`~ apps/v1 Deployment ${NAMESPACE}/web-hello-acr: spec.replicas`]);
        assert.match(preview.output, /Helm release web: revision 1 \(chart 0\.1\.0\) -> chart 0\.1\.0: Kubernetes objects that change:/);
        for (const line of expected) assert.ok(preview.output.includes(line), `preview shows "${line}":\n${preview.output}`);
        assert.deepStrictEqual(await history(), [[1, "deployed", "Install complete"]]);
    });

    it("no secret is in any of pulumi's outputs above (the killed and failed runs' too), the export or the state files, in any spelling", () => {
        assert.strictEqual(outputs.length, 9, "every run's output was kept");
        env.assertNoSecrets(outputs);
    });
});
