import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { requireTool } from "../local/tools";
import { DEFAULT_USERS, startRegistry } from "../local/registry";
import { makeChartCopies } from "./charts";
import { HelmLoop, publishBatch, publishWithLibrary, Target } from "./publishers";
import { formatMs, medianMs } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 5);
const CHART_COUNTS = [1, 50];
/** How many publications run at once in the concurrent case, as the Pulumi engine would run them. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);

/** The Helm majors the package + push loop runs with, each with its own config, cache and login. */
const HELMS = [
    { label: "Helm 3.22", tool: "helm", dir: "helm3" },
    { label: "Helm 4.3.1", tool: "helm4", dir: "helm4" },
] as const;

/** Publishes the same charts to the same local registry with this package and with helm package + push loops of Helm 3 and Helm 4. */
async function main(): Promise<void> {
    const registry = await startRegistry({ auth: "htpasswd" });
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-bench-"));
    try {
        const target: Target = { registry: registry.host, credentials: { username: "admin", password: DEFAULT_USERS.admin.password } };
        const charts = makeChartCopies(path.resolve(__dirname, "../../../charts/hello-acr"), work, Math.max(...CHART_COUNTS));
        const helmLoops = HELMS.map((h) => {
            fs.mkdirSync(path.join(work, h.dir));
            return { label: h.label, tool: h.tool, loop: new HelmLoop(requireTool(h.tool), path.join(work, h.dir), target) };
        });
        for (const h of helmLoops) await h.loop.login();
        console.log(
            `registry ${registry.host} (CNCF Distribution, htpasswd auth); ${RUNS} runs each, medians; each run publishes into a fresh namespace`,
        );
        for (const count of CHART_COUNTS) {
            const subset = charts.slice(0, count);
            const eachCall = await medianMs(RUNS, (run) => publishWithLibrary(subset, target, `one-${count}-${run}`).then(() => undefined));
            const sequential = await medianMs(RUNS, (run) => publishBatch(subset, target, `seq-${count}-${run}`).then(() => undefined));
            const concurrent = await medianMs(RUNS, (run) =>
                publishBatch(subset, target, `par-${count}-${run}`, CONCURRENCY).then(() => undefined),
            );
            console.log(
                `${String(count).padStart(2)} chart(s): pulumi-acr-helm pushCharts one at a time ${formatMs(sequential)}, ` +
                    `${CONCURRENCY} at a time ${formatMs(concurrent)}; one pushChart call per chart, one at a time ${formatMs(eachCall)}`,
            );
            for (const h of helmLoops) {
                const helmTime = await medianMs(RUNS, (run) => h.loop.publish(subset, `${h.tool}-${count}-${run}`));
                console.log(
                    `    ${h.label} package + push loop ${formatMs(helmTime)}: ` +
                        `pulumi-acr-helm ${(helmTime / sequential).toFixed(1)}x faster one at a time, ` +
                        `${(helmTime / concurrent).toFixed(1)}x at ${CONCURRENCY} at a time, ` +
                        `${(helmTime / eachCall).toFixed(1)}x with one pushChart call per chart`,
                );
            }
        }
        const republish = await publishBatch(charts, target, `seq-50-0`);
        const { requests, bytesUploaded } = republish.stats;
        console.log(
            `re-publish of ${charts.length} unchanged charts: ${requests} requests (${(requests / charts.length).toFixed(2)} per chart), ${bytesUploaded} bytes uploaded`,
        );
    } finally {
        fs.rmSync(work, { recursive: true, force: true });
        await registry.stop();
    }
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
