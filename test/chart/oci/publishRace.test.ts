import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RegistryClient } from "../../../chart/distribution/client";
import { OciConflictError } from "../../../chart/distribution/errors";
import { resolveTag } from "../../../chart/helmOci/manage";
import { buildHelmArtifact } from "../../../chart/helmOci/manifest";
import { pushChart, PushChartResult } from "../../../chart/helmOci/push";
import { pushCharts } from "../../../chart/helmOci/pushCharts";
import { repoRoot } from "../../support/paths";
import { ManifestPutGate } from "../../support/manifestPutGate";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

const LIBRARY_ROUNDS = 20;
const CLI_ROUNDS = 8;
const BATCH_ROUNDS = 10;
const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");

/** Asserts the loser's error is the conflict error naming both digests and both ways out. */
function assertConflict(error: unknown, winner: string, loser: string): void {
    assert.ok(error instanceof OciConflictError, `expected OciConflictError, got ${String(error)}`);
    assert.strictEqual(error.code, "VERSION_CONFLICT", error.message);
    assert.strictEqual(error.existingDigest, winner);
    assert.strictEqual(error.attemptedDigest, loser);
    assert.ok(error.message.includes(winner) && error.message.includes(loser), error.message);
    assert.match(error.message, /bump the chart version/);
    assert.match(error.message, /allowOverwrite/);
}

function runCli(args: string[], stdin: string): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve) => {
        const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH } });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
        child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
        child.stdin.end(stdin);
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
}

function writeChart(dir: string, version: string, value: string): string {
    const chartDir = path.join(dir, "race");
    fs.mkdirSync(path.join(chartDir, "templates"), { recursive: true });
    fs.writeFileSync(path.join(chartDir, "Chart.yaml"), `apiVersion: v2\nname: race\nversion: ${version}\n`);
    fs.writeFileSync(path.join(chartDir, "values.yaml"), `owner: ${value}\n`);
    fs.writeFileSync(path.join(chartDir, "templates", "cm.yaml"), "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: race\n");
    return chartDir;
}

/*
 * Every writer goes through a gate that holds each manifest PUT until both writers' PUTs of that version have
 * arrived, then sends them on together: each round is a real overlap at the registry, and says so.
 */
describe("two writers publish the same new version at the same moment (real docker-registry)", function () {
    this.timeout(300_000);
    let registry: TestRegistry;
    let gate: ManifestPutGate;
    let work: string;
    const credentials = () => ({ username: "admin", password: registry.users.admin.password });

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        gate = await new ManifestPutGate(Number(registry.host.split(":")[1])).start();
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-race-"));
    });
    after(async () => {
        fs.rmSync(work, { recursive: true, force: true });
        await gate?.stop();
        await registry?.stop();
    });

    /** Both writers' manifest PUTs of this version were held until both had arrived, then sent together. */
    function assertOverlapped(version: string): void {
        const rounds = gate.rounds.filter((r) => r.path === `/v2/charts/race/manifests/${version}`);
        assert.deepStrictEqual(
            rounds.map((r) => [r.held, r.together]),
            [[2, true]],
            `version ${version}: the two manifest PUTs did not overlap`,
        );
    }

    it(`library: in each of ${LIBRARY_ROUNDS} rounds exactly one push succeeds and the other gets the conflict error`, async () => {
        const outcomes: Record<string, number> = {};
        for (let round = 0; round < LIBRARY_ROUNDS; round++) {
            const version = `1.0.${round}`;
            const charts = [await makeChart("race", version, "", "writer-a"), await makeChart("race", version, "", "writer-b")];
            const clients = charts.map(() => new RegistryClient({ registry: gate.host, plainHttp: true, credentials: credentials() }));
            try {
                const settled = await Promise.allSettled(
                    charts.map((chart, i) => pushChart({ registry: gate.host, client: clients[i], chart, repository: "charts/race" })),
                );
                assertOverlapped(version);
                const won = settled.flatMap((s, i) => (s.status === "fulfilled" ? [i] : []));
                assert.strictEqual(won.length, 1, `round ${round}: ${won.length} pushes reported success for version ${version}`);
                const winner = (settled[won[0]] as PromiseFulfilledResult<PushChartResult>).value.digest;
                const loserIndex = 1 - won[0];
                const loser = settled[loserIndex] as PromiseRejectedResult;
                assert.strictEqual(winner, buildHelmArtifact(charts[won[0]]).manifestDigest);
                assertConflict(loser.reason, winner, buildHelmArtifact(charts[loserIndex]).manifestDigest);
                assert.strictEqual(
                    await resolveTag({ registry: gate.host, client: clients[0], repository: "charts/race", version }),
                    winner,
                );
                const code = (loser.reason as OciConflictError).code ?? "";
                outcomes[code] = (outcomes[code] ?? 0) + 1;
            } finally {
                clients.forEach((c) => c.close());
            }
        }
        console.log(`      ${LIBRARY_ROUNDS} rounds, one winner each; losers: ${JSON.stringify(outcomes)}`);
    });

    it(`pushCharts: in each of ${BATCH_ROUNDS} rounds, two batches that both hold the version: exactly one reports it published`, async () => {
        for (let round = 0; round < BATCH_ROUNDS; round++) {
            const version = `4.0.${round}`;
            const writers = ["writer-a", "writer-b"];
            const charts = await Promise.all(writers.map((who) => makeChart("race", version, "", who)));
            const companion = await makeChart("companion", version);
            const clients = writers.map(() => new RegistryClient({ registry: gate.host, plainHttp: true, credentials: credentials() }));
            try {
                const batches = await Promise.all(
                    writers.map((_, i) =>
                        pushCharts({
                            registry: gate.host,
                            client: clients[i],
                            charts: [
                                { chart: companion, repository: "charts/companion" },
                                { chart: charts[i], repository: "charts/race" },
                            ],
                        }),
                    ),
                );
                assertOverlapped(version);
                assert.deepStrictEqual(
                    batches.map((b) => b[0].status),
                    ["fulfilled", "fulfilled"],
                    "identical content published by both batches succeeds in both",
                );
                const won = batches.flatMap((b, i) => (b[1].status === "fulfilled" ? [i] : []));
                assert.strictEqual(won.length, 1, `round ${round}: ${won.length} batches reported version ${version} published`);
                const winner = (batches[won[0]][1] as PromiseFulfilledResult<PushChartResult>).value.digest;
                const loser = 1 - won[0];
                assertConflict(
                    (batches[loser][1] as PromiseRejectedResult).reason,
                    winner,
                    buildHelmArtifact(charts[loser]).manifestDigest,
                );
                assert.strictEqual(
                    await resolveTag({ registry: gate.host, client: clients[0], repository: "charts/race", version }),
                    winner,
                );
            } finally {
                clients.forEach((c) => c.close());
            }
        }
    });

    it(`CLI: in each of ${CLI_ROUNDS} rounds one 'acr-helm push' prints Pushed and the other exits 1 with the conflict`, async () => {
        for (let round = 0; round < CLI_ROUNDS; round++) {
            const version = `2.0.${round}`;
            const dirs = ["a", "b"].map((who) => writeChart(path.join(work, `${who}${round}`), version, `writer-${who}`));
            const args = (dir: string) => [
                "push",
                dir,
                `oci://${gate.host}/charts`,
                "--username",
                "admin",
                "--password-stdin",
                "--plain-http",
            ];
            const runs = await Promise.all(dirs.map((dir) => runCli(args(dir), `${registry.users.admin.password}\n`)));
            assertOverlapped(version);
            const ok = runs.filter((r) => r.code === 0);
            const failed = runs.filter((r) => r.code !== 0);
            assert.strictEqual(
                ok.length,
                1,
                `round ${round}: ${ok.length} processes printed Pushed:\n${runs.map((r) => r.stdout + r.stderr).join("\n")}`,
            );
            assert.strictEqual(failed[0].code, 1);
            const winner = /Digest: (sha256:[a-f0-9]{64})/.exec(ok[0].stdout)?.[1] ?? "";
            assert.match(failed[0].stderr, /another writer published version/);
            assert.ok(failed[0].stderr.includes(winner), failed[0].stderr);
            const client = new RegistryClient({ registry: gate.host, plainHttp: true, credentials: credentials() });
            try {
                assert.strictEqual(await resolveTag({ registry: gate.host, client, repository: "charts/race", version }), winner);
            } finally {
                client.close();
            }
        }
    });

    it("identical content pushed by two writers at once: both succeed with the same digest", async () => {
        const charts = [await makeChart("race", "3.0.0"), await makeChart("race", "3.0.0")];
        const clients = charts.map(() => new RegistryClient({ registry: gate.host, plainHttp: true, credentials: credentials() }));
        try {
            const results = await Promise.all(
                charts.map((chart, i) => pushChart({ registry: gate.host, client: clients[i], chart, repository: "charts/race" })),
            );
            assertOverlapped("3.0.0");
            assert.strictEqual(results[0].digest, results[1].digest);
            assert.strictEqual(
                await resolveTag({ registry: gate.host, client: clients[0], repository: "charts/race", version: "3.0.0" }),
                results[0].digest,
            );
        } finally {
            clients.forEach((c) => c.close());
        }
    });
});
