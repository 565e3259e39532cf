import * as assert from "assert";
import type { LocalCluster } from "../../scripts/local/kubeApiServer";
import type { ScannedText } from "../../scripts/local/secretScanner";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import type { PublicationStack } from "./support/publicationStacks";
import { ReleaseCluster, startReleaseCluster } from "./support/releaseCluster";

interface Pod {
    metadata: { name: string; annotations?: Record<string, string> };
    status: { phase?: string; conditions?: { type: string; status: string }[] };
}

const RELEASE = "web";
/** Helm's wait in the failing runs, in seconds: short, so a never-ready pod fails fast. */
const SHORT_TIMEOUT = 20;

describe("ChartRelease with its defaults on a cluster whose pods run: waits for ready pods, fails and rolls back", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(600_000);
    let env: ReleaseCluster;
    let cluster: LocalCluster;
    /** Every pulumi output of the suite, scanned for secrets at its end. */
    const outputs: ScannedText[] = [];
    const kept = <T extends { output: string }>(where: string, run: T): T => {
        outputs.push({ where, text: run.output });
        return run;
    };

    const releaseStack = (name: string, config: Record<string, string> = {}): Promise<PublicationStack> => env.releaseStack(name, config);
    const history = (namespace: string) => env.history(RELEASE, namespace);
    const pods = async (namespace: string): Promise<Pod[]> => {
        const response = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/pods`);
        assert.strictEqual(response.status, 200, response.body);
        return (JSON.parse(response.body) as { items: Pod[] }).items;
    };
    const readyPodNames = async (namespace: string) =>
        (await pods(namespace))
            .filter((pod) => pod.status.conditions?.some((c) => c.type === "Ready" && c.status === "True"))
            .map((pod) => pod.metadata.name);
    const endpointCount = async (namespace: string) => {
        const response = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/endpoints/${RELEASE}-hello-acr`);
        const subsets = (JSON.parse(response.body) as { subsets?: { addresses?: unknown[] }[] }).subsets ?? [];
        return subsets.reduce((count, subset) => count + (subset.addresses?.length ?? 0), 0);
    };

    before(async function () {
        this.timeout(600_000);
        env = await startReleaseCluster();
        cluster = env.cluster;
    });

    after(async () => {
        await env?.stop();
    });

    describe("an installed release that is upgraded to pods that never become ready", () => {
        let web: PublicationStack;
        let servingPods: string[];

        before(async () => {
            web = await releaseStack("upgraded");
        });

        it("up returns once the Deployment's pod is Ready, with the release deployed at revision 1", async () => {
            const up = kept("the first up", await web.stack.up());
            assert.strictEqual(up.code, 0, up.output);
            const outputs = await web.stack.outputs();
            assert.deepStrictEqual([outputs.releaseStatus, outputs.releaseRevision], ["deployed", 1]);
            servingPods = await readyPodNames("upgraded");
            assert.strictEqual(servingPods.length, 1, "one ready pod when up returned");
            assert.deepStrictEqual(await history("upgraded"), [[1, "deployed", "Install complete"]]);
        });

        it(`the upgrade fails within its ${SHORT_TIMEOUT} s timeout and atomic rolls back to revision 1, whose pod kept serving`, async () => {
            await web.stack.setConfig("neverReady", "true");
            await web.stack.setConfig("timeout", String(SHORT_TIMEOUT));
            const started = Date.now();
            const up = kept("the failed upgrade", await web.stack.up());
            const seconds = (Date.now() - started) / 1000;
            assert.notStrictEqual(up.code, 0, up.output);
            assert.match(up.output, /context deadline exceeded|timed out/i);
            assert.ok(seconds < SHORT_TIMEOUT + 90, `up failed after ${seconds} s`);
            assert.deepStrictEqual(await history("upgraded"), [
                [1, "superseded", "Install complete"],
                [2, "failed", (await history("upgraded"))[1][2]],
                [3, "deployed", "Rollback to 1"],
            ]);
            assert.match((await history("upgraded"))[1][2], /Upgrade "web" failed/);
            // The pod of revision 1 was never replaced: it is still the only ready one, and the Service still has it.
            assert.deepStrictEqual(await readyPodNames("upgraded"), servingPods);
            assert.strictEqual(await endpointCount("upgraded"), 1);
        });

        it("with the fault fixed, the next up upgrades and the release is deployed again", async () => {
            await web.stack.setConfig("neverReady", "false");
            const up = kept("the fixed upgrade", await web.stack.up());
            assert.strictEqual(up.code, 0, up.output);
            const outputs = await web.stack.outputs();
            assert.strictEqual(outputs.releaseStatus, "deployed");
            const entries = await history("upgraded");
            assert.strictEqual(entries[entries.length - 1][1], "deployed");
            assert.strictEqual((await readyPodNames("upgraded")).length, 1);
        });
    });

    it(`a first install whose pod never becomes ready fails within its ${SHORT_TIMEOUT} s timeout and atomic leaves no release`, async () => {
        const fresh = await releaseStack("never-ready", { neverReady: "true", timeout: String(SHORT_TIMEOUT) });
        const started = Date.now();
        const up = kept("the failed first install", await fresh.stack.up());
        const seconds = (Date.now() - started) / 1000;
        assert.notStrictEqual(up.code, 0, up.output);
        assert.match(up.output, /context deadline exceeded|timed out/i);
        assert.ok(seconds < SHORT_TIMEOUT + 120, `up failed after ${seconds} s`);
        assert.deepStrictEqual(
            JSON.parse(
                await env.helm.run(["list", "-a", "-n", "never-ready", "-o", "json"], undefined, { KUBECONFIG: cluster.kubeconfigPath }),
            ),
            [],
        );
        assert.deepStrictEqual(await readyPodNames("never-ready"), []);
        outputs.push({ where: "never-ready's export", text: await fresh.stack.exportState() });
    });

    // Mocha runs this suite's own tests before its nested suites: in a suite of its own, this check comes last.
    describe("after all of the above", () => {
        it("no secret is in any of pulumi's outputs (the failed ups' too), the export or the state files, in any spelling", () => {
            assert.strictEqual(outputs.length, 5, "every run's output was kept");
            env.assertNoSecrets(outputs);
        });
    });
});
