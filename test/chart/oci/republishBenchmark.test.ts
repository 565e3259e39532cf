import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { clientFor, closeSharedClients } from "../../../chart/distribution/connection";
import { ChartToPush } from "../../../chart/helmOci/manifest";
import { pushChart } from "../../../chart/helmOci/push";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

const CHARTS = 50;

for (const mode of ["htpasswd", "token"] as const) {
    describe(`re-publishing ${CHARTS} unchanged charts (${mode} auth)`, function () {
        this.timeout(120000);
        let registry: TestRegistry;
        let counter: RequestCounter;
        const charts: ChartToPush[] = [];
        const repo = (i: number) => `bench/chart-${i}`;

        before(async () => {
            registry = await startRegistry({ auth: mode });
            counter = await RequestCounter.start({ registryHost: registry.host, tokenRealm: registry.issuer?.realm });
            for (let i = 0; i < CHARTS; i++) charts.push(await makeChart(`chart-${i}`, "1.0.0"));
        });
        after(async () => {
            closeSharedClients();
            await counter?.stop();
            await registry?.stop();
        });
        // Every request goes through the counter, which sees what reaches the registry and its token service.
        const connection = () => ({
            registry: counter.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });

        it("costs exactly one manifest HEAD per chart and zero bytes with the process-shared client", async () => {
            for (let i = 0; i < CHARTS; i++) await pushChart({ ...connection(), chart: charts[i], repository: repo(i) });
            const shared = clientFor(connection());
            const before = { ...shared.stats };
            const mark = await counter.mark();
            const started = process.hrtime.bigint();
            for (let i = 0; i < CHARTS; i++) {
                const result = await pushChart({ ...connection(), chart: charts[i], repository: repo(i) });
                assert.strictEqual(result.skipped, true);
            }
            const ms = Number(process.hrtime.bigint() - started) / 1e6;
            const requests = shared.stats.requests - before.requests;
            const bytes = shared.stats.bytesUploaded - before.bytesUploaded;
            console.log(
                `      ${mode}: re-publish of ${CHARTS} charts: ${requests} requests, ${bytes} bytes uploaded, ${ms.toFixed(0)} ms (through the counting proxy)`,
            );
            assert.deepStrictEqual(countKinds(await counter.since(mark)), { "manifest HEAD": CHARTS });
            assert.strictEqual(requests, CHARTS);
            assert.strictEqual(bytes, 0);
        });

        it("a brand-new client needs only one manifest HEAD per chart (plus one token per repository with Bearer)", async () => {
            const fresh = new RegistryClient(connection());
            try {
                const mark = await counter.mark();
                for (let i = 0; i < CHARTS; i++)
                    await pushChart({ registry: counter.host, client: fresh, chart: charts[i], repository: repo(i) });
                const seen = countKinds(await counter.since(mark));
                assert.deepStrictEqual(
                    seen,
                    mode === "token" ? { "manifest HEAD": CHARTS, "token GET": CHARTS } : { "manifest HEAD": CHARTS },
                );
                console.log(
                    `      ${mode}: fresh client: ${fresh.stats.registryRequests} registry requests + ${fresh.stats.tokenRequests} token requests`,
                );
                assert.strictEqual(fresh.stats.registryRequests, CHARTS);
                assert.strictEqual(fresh.stats.tokenRequests, mode === "token" ? CHARTS : 0);
                assert.strictEqual(fresh.stats.bytesUploaded, 0);
            } finally {
                fresh.close();
            }
        });
    });
}
