import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../local/pulumiCli";
import { PulumiStack } from "../local/pulumiStack";
import { startRegistry, TestRegistry } from "../local/registry";
import { findRepoRoot, requireTool } from "../local/tools";
import { makeChartCopies } from "./charts";
import { writeJavaScriptProject, writeYamlProject } from "./engineProjects";
import { printReport, printTargets, Results, Variant } from "./engineReport";
import { helmHome, helmLogin } from "./helmHome";
import { HELM_RESOURCE_PROGRAM } from "./helmResourceProgram";
import { NOOP_RESOURCE_PROGRAM } from "./noopResourceProgram";
import { measurePhase, PHASES, taggedRepositories } from "./phases";
import { PUBLICATION_PROGRAM } from "./publicationProgram";
import { PeakMemory } from "./processMemory";
import { formatMs } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const AUTH = (process.env.BENCH_AUTH ?? "htpasswd") as "htpasswd" | "token";
const CHART_COUNT = Number(process.env.BENCH_CHARTS ?? 50);
const USERNAME = "bench-push";
const PASSWORD = "bench-Secret-pa55-0f-the-registry";
const PASSPHRASE = "bench-passphrase-5e2a";

/**
 * The same 50 charts published to the same local registry in the real Pulumi engine, by a stack of
 * ChartPublications through the acr-helm plugin (A), by a stack of hand-written helm package + push dynamic
 * resources (B), by a no-op resource per chart (the engine's floor) and by a Pulumi YAML program of
 * ChartPublications: first up of a fresh stack, unchanged up, preview; wall time and registry requests of each,
 * and the plugin process's peak memory.
 */
async function main(): Promise<void> {
    const repoRoot = findRepoRoot();
    const helm = requireTool("helm");
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-bench-engine-"));
    let registry: TestRegistry | undefined;
    let stopped = false;
    const stop = async () => {
        if (stopped) return;
        stopped = true;
        await registry?.stop();
        fs.rmSync(work, { recursive: true, force: true });
    };
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
        process.once(signal, () => void stop().finally(() => process.exit(130)));
    }
    try {
        registry = await startRegistry({
            auth: AUTH,
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        const chartsDir = path.join(work, "charts");
        const charts = makeChartCopies(path.join(repoRoot, "charts", "hello-acr"), chartsDir, CHART_COUNT).map((dir) => path.basename(dir));
        const home = helmHome(path.join(work, "helm"));
        await helmLogin(helm, home, registry.host, USERNAME, PASSWORD);
        writeJavaScriptProject(path.join(work, "publication"), "bench-publication", PUBLICATION_PROGRAM, repoRoot, "package");
        writeJavaScriptProject(path.join(work, "helm-resource"), "bench-helm-resource", HELM_RESOURCE_PROGRAM, repoRoot, "repository");
        writeJavaScriptProject(path.join(work, "noop-resource"), "bench-noop-resource", NOOP_RESOURCE_PROGRAM, repoRoot, "repository");
        writeYamlProject(path.join(work, "yaml"), "bench-yaml", charts, repoRoot);
        const workspaces: Record<Variant, PulumiWorkspace> = {
            publication: new PulumiWorkspace({
                projectDir: path.join(work, "publication"),
                backendDir: path.join(work, "state-publication"),
                passphrase: PASSPHRASE,
            }),
            helm: new PulumiWorkspace({
                projectDir: path.join(work, "helm-resource"),
                backendDir: path.join(work, "state-helm"),
                passphrase: PASSPHRASE,
                env: { ...home, BENCH_HELM: helm },
            }),
            floor: new PulumiWorkspace({
                projectDir: path.join(work, "noop-resource"),
                backendDir: path.join(work, "state-noop"),
                passphrase: PASSPHRASE,
            }),
            yaml: new PulumiWorkspace({
                projectDir: path.join(work, "yaml"),
                backendDir: path.join(work, "state-yaml"),
                passphrase: PASSPHRASE,
            }),
        };
        const pluginMemory = new PeakMemory(path.join("dist", "provider", "index.js"));
        console.log(
            `registry ${registry.host} (CNCF Distribution, ${AUTH} auth); ${CHART_COUNT} charts; ${RUNS} fresh stacks each; ` +
                `${os.cpus().length} CPUs, load average ${os
                    .loadavg()
                    .map((load) => load.toFixed(2))
                    .join(" ")}`,
        );
        const results: Results = { helm: emptyPhases(), publication: emptyPhases(), floor: emptyPhases(), yaml: emptyPhases() };
        for (let run = 1; run <= RUNS; run++) {
            const order: Variant[] = run % 2 === 1 ? ["helm", "publication", "floor", "yaml"] : ["yaml", "floor", "publication", "helm"];
            for (const variant of order) {
                const namespace = `${variant}-${run}`;
                const stack = new PulumiStack(workspaces[variant], `run-${run}`);
                await stack.init();
                for (const [key, value] of Object.entries({ chartsDir, registry: registry.host, namespace }))
                    await stack.setConfig(key, value);
                if (variant === "publication" || variant === "yaml") {
                    await stack.setConfig("registryUsername", USERNAME);
                    await stack.setConfig("registryPassword", PASSWORD, { secret: true });
                }
                for (const phase of PHASES) {
                    const measured = await measurePhase(stack, phase.args, registry);
                    results[variant][phase.name].push(measured);
                    console.log(
                        `run ${run} ${variant.padEnd(11)} ${phase.name.padEnd(12)} ${formatMs(measured.ms).padStart(8)}  ${measured.requests} requests`,
                    );
                }
                const tagged = taggedRepositories(registry, namespace);
                if (variant !== "floor" && tagged !== CHART_COUNT)
                    throw new Error(
                        `${variant} run ${run} tagged charts in ${tagged} repositories under ${namespace}/, expected ${CHART_COUNT}`,
                    );
            }
        }
        printReport(
            results,
            PHASES.map((phase) => phase.name),
        );
        pluginMemory.stop();
        console.log(`\npeak resident memory of the acr-helm plugin process: ${pluginMemory.peakMiB.toFixed(0)} MiB`);
        printTargets(results);
    } finally {
        await stop();
    }
}

function emptyPhases(): Results[Variant] {
    return { "first up": [], "unchanged up": [], preview: [] };
}

main().catch((error) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
});
