import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { stringify } from "yaml";
import { KubeApi } from "../../components/release/cluster/kubeApi";
import { clusterAccess } from "../../components/release/cluster/kubeconfigAccess";
import { ReleaseRecords, ReleaseStatus } from "../../components/release/history/releaseRecords";
import { check, diff, update } from "../../provider/resources/releaseGuard";
import { NEVER_READY_ANNOTATION } from "../../scripts/local/kwokStages";
import { LocalCluster, startLocalCluster } from "../../scripts/local/kubeApiServer";
import { HelmCli, installedHelm } from "../chart/oci/helmCli";

const CHART = path.resolve(__dirname, "../../../charts/hello-acr");
const RELEASE = "web";
/** Seconds a revision must be pending before recovery: short, so the test need not wait long. */
const PENDING_TIMEOUT = 5;

/**
 * Real Helm, killed mid-operation on a cluster whose pods run (KWOK): the records it leaves are what the release
 * guard reads, refuses and recovers; Helm itself then accepts the next operation.
 */
describe("a Helm release left pending by a killed helm, found and recovered by the release guard", function () {
    this.timeout(300_000);
    let cluster: LocalCluster;
    let helm: HelmCli;
    let records: ReleaseRecords;
    let neverReadyValues: string;
    const namespace = "stuck";
    const guardInputs = (recoverPendingRelease: boolean) => ({
        kubeconfig: cluster.kubeconfig,
        namespace,
        releaseName: RELEASE,
        recoverPendingRelease,
        pendingTimeout: PENDING_TIMEOUT,
    });
    const kubeEnv = () => ({ KUBECONFIG: cluster.kubeconfigPath });
    const history = async () =>
        (
            JSON.parse(await helm.run(["history", RELEASE, "-n", namespace, "-o", "json"], undefined, kubeEnv())) as {
                revision: number;
                status: string;
                description: string;
            }[]
        ).map((entry) => [entry.revision, entry.status, entry.description]);

    /** Starts `helm <args>` and SIGKILLs it once its release has a record in `status`, as a killed CI job would. */
    async function killedWhile(status: ReleaseStatus, args: string[]): Promise<void> {
        const child = spawn(helm.binary, args, { env: { ...helm.env(), ...kubeEnv() }, stdio: "ignore" });
        const deadline = Date.now() + 60_000;
        try {
            while (!(await records.list()).some((record) => record.status === status)) {
                assert.ok(Date.now() < deadline, `helm ${args[0]} wrote no ${status} record within 60 s`);
                assert.strictEqual(child.exitCode, null, `helm ${args[0]} ended before it was killed`);
                await new Promise((resolve) => setTimeout(resolve, 100));
            }
        } finally {
            child.kill("SIGKILL");
        }
        await new Promise((resolve) =>
            child.exitCode === null && child.signalCode === null ? child.once("exit", resolve) : resolve(undefined),
        );
    }

    /** `helm <operation>` of never-ready pods with a long wait, killed once its record is `status`. */
    const killedWhileWaiting = (operation: "install" | "upgrade", status: ReleaseStatus) =>
        killedWhile(status, [operation, RELEASE, CHART, "-n", namespace, "-f", neverReadyValues, "--wait", "--timeout", "10m"]);

    before(async () => {
        cluster = await startLocalCluster({ simulatedNodes: 1 });
        helm = new HelmCli(installedHelm());
        records = new ReleaseRecords(new KubeApi(clusterAccess(cluster.kubeconfig)), namespace, RELEASE);
        const created = await cluster.apiRequest("/api/v1/namespaces", {
            method: "POST",
            body: JSON.stringify({ metadata: { name: namespace } }),
        });
        assert.strictEqual(created.status, 201, created.body);
        neverReadyValues = path.join(helm.home, "never-ready.yaml");
        fs.writeFileSync(neverReadyValues, stringify({ podAnnotations: { [NEVER_READY_ANNOTATION]: "true" } }));
    });

    after(async () => {
        helm?.cleanup();
        await cluster?.stop();
    });

    it("no record: the guard finds nothing and changes nothing", async () => {
        const checked = await check({}, guardInputs(false));
        assert.deepStrictEqual([checked.failures, checked.inputs.stuckRelease], [undefined, undefined]);
        assert.strictEqual((await diff("", guardInputs(false), checked.inputs)).changes, false);
    });

    describe("an install killed while Helm waited for its pods", () => {
        before(() => killedWhileWaiting("install", "pending-install"));

        it("Helm itself now refuses the release: the failure the guard exists to prevent", async () => {
            await assert.rejects(
                helm.run(["install", RELEASE, CHART, "-n", namespace], undefined, kubeEnv()),
                /cannot re-use a name that is still in use/,
            );
        });

        it("while younger than the release's timeout, it may still be running: refused, whatever the setting", async () => {
            const checked = await check({}, { ...guardInputs(true), pendingTimeout: 3600 });
            assert.strictEqual(checked.failures?.[0].property, "recoverPendingRelease");
            assert.match(
                checked.failures[0].reason,
                /is pending-install at revision 1 \(chart 0\.1\.0\) for \d+ s, since .*never deployed: less than the release's timeout \(3600 s\), so the operation may still be running/,
            );
        });

        it("without recoverPendingRelease, preview's check fails naming the revision, its age and both fixes", async () => {
            await new Promise((resolve) => setTimeout(resolve, PENDING_TIMEOUT * 1000));
            const checked = await check({}, guardInputs(false));
            assert.match(
                checked.failures?.[0].reason ?? "",
                /Helm release "web" in namespace "stuck" is pending-install at revision 1 .* for \d+ s.*Set recoverPendingRelease: true.*`helm uninstall web -n stuck`/,
            );
            assert.ok(!checked.failures?.[0].reason.includes(cluster.token), "the kubeconfig's token is not in the message");
        });

        it("with it, check plans the recovery and changes nothing yet; the update recovers and Helm installs again", async () => {
            const checked = await check({}, guardInputs(true));
            assert.strictEqual(checked.failures, undefined);
            assert.match(
                String(checked.inputs.stuckRelease),
                /^pending-install at revision 1 .*; recovery: the never-deployed install is uninstalled/,
            );
            assert.strictEqual((await diff("", guardInputs(true), checked.inputs)).changes, true);
            assert.deepStrictEqual(
                (await records.list()).map((record) => record.status),
                ["pending-install"],
                "check wrote nothing",
            );

            const applied = await update("", guardInputs(true), checked.inputs);
            assert.match(
                String(applied.outs.lastRecovery),
                /recovered from pending-install at revision 1: the never-deployed install is uninstalled/,
            );
            assert.strictEqual(applied.outs.stuckRelease, undefined);
            assert.deepStrictEqual(await records.list(), []);

            await helm.run(["install", RELEASE, CHART, "-n", namespace, "--wait", "--timeout", "2m"], undefined, kubeEnv());
            assert.deepStrictEqual(await history(), [[1, "deployed", "Install complete"]]);
        });
    });

    describe("an upgrade killed while Helm waited for its pods", () => {
        before(() => killedWhileWaiting("upgrade", "pending-upgrade"));

        it("recovery marks the pending revision failed, and Helm upgrades from the last deployed revision", async () => {
            await assert.rejects(
                helm.run(["upgrade", RELEASE, CHART, "-n", namespace], undefined, kubeEnv()),
                /another operation \(install\/upgrade\/rollback\) is in progress/,
            );
            await new Promise((resolve) => setTimeout(resolve, PENDING_TIMEOUT * 1000));
            const refused = await check({}, guardInputs(false));
            assert.match(
                refused.failures?.[0].reason ?? "",
                /pending-upgrade at revision 2 .*last deployed: revision 1.*`helm rollback web -n stuck 1`/,
            );

            const checked = await check({}, guardInputs(true));
            const applied = await update("", guardInputs(true), checked.inputs);
            assert.match(
                String(applied.outs.lastRecovery),
                /recovered from pending-upgrade at revision 2: revision 2 is marked failed, so the next upgrade starts from revision 1/,
            );
            assert.deepStrictEqual(await history(), [
                [1, "deployed", "Install complete"],
                [2, "failed", "Interrupted pending-upgrade: marked failed to recover the release"],
            ]);

            await helm.run(["upgrade", RELEASE, CHART, "-n", namespace, "--set", "replicaCount=2"], undefined, kubeEnv());
            assert.deepStrictEqual(
                (await history()).map(([revision, status]) => [revision, status]),
                [
                    [1, "superseded"],
                    [2, "failed"],
                    [3, "deployed"],
                ],
            );
            const recheck = await check({}, guardInputs(false));
            assert.deepStrictEqual([recheck.failures, recheck.inputs.stuckRelease], [undefined, undefined]);
        });
    });

    it("a record the cluster sends back that is not Helm's is refused by name, not trusted", async () => {
        const other = await cluster.apiRequest("/api/v1/namespaces", {
            method: "POST",
            body: JSON.stringify({ metadata: { name: "forged" } }),
        });
        assert.strictEqual(other.status, 201, other.body);
        const forged = await cluster.apiRequest(`/api/v1/namespaces/forged/secrets`, {
            method: "POST",
            body: JSON.stringify({
                metadata: { name: `sh.helm.release.v1.${RELEASE}.v9`, labels: { owner: "helm", name: RELEASE, status: "deployed" } },
                data: { release: Buffer.from(Buffer.from("not gzip, not json").toString("base64")).toString("base64") },
            }),
        });
        assert.strictEqual(forged.status, 201, forged.body);
        const checked = await check({}, { ...guardInputs(false), namespace: "forged" });
        assert.strictEqual(checked.failures?.[0].property, "kubeconfig");
        assert.match(
            checked.failures[0].reason,
            /Helm release record sh\.helm\.release\.v1\.web\.v9: its release data is not a Helm release/,
        );
    });
});
