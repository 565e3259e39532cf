import { execFile, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { requireTool } from "../local/tools";
import { startRegistry } from "../local/registry";
import { helmHome, helmLogin } from "./helmHome";
import { BENCH_USER, BENCH_USERS, chartName, NAMESPACE, REPOSITORIES, seededRegistry, VERSIONS } from "./searchSeed";
import { formatMs, median } from "./stats";

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
/** Repositories `helm show chart` is timed on; the per-chart time is extrapolated to the whole registry. */
const HELM_SAMPLE = Number(process.env.BENCH_HELM_SAMPLE ?? 20);
const TARGET_MS = 10_000;
const CLI = path.resolve(__dirname, "../../bin/acr-helm.js");
const execFileAsync = promisify(execFile);

/** Runs acr-helm as a user would (a new node process); returns its wall time and standard output. */
function timedCli(args: string[], env: NodeJS.ProcessEnv): Promise<{ ms: number; stdout: string }> {
    return new Promise((resolve, reject) => {
        const start = process.hrtime.bigint();
        const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
        child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
        child.on("error", reject);
        child.on("close", (code) => {
            const ms = Number(process.hrtime.bigint() - start) / 1e6;
            if (code === 0) resolve({ ms, stdout });
            else reject(new Error(`acr-helm ${args.join(" ")} exited ${code}: ${stderr}`));
        });
    });
}

/**
 * `npm run bench:search`: a token-auth registry holding 500 chart repositories x 20 versions (seeded once through
 * the HTTP API and cached), searched with `acr-helm search`, against what a user can do today without a search:
 * one `helm show chart` per repository, timed on a sample and extrapolated.
 */
async function main(): Promise<void> {
    const seed = await seededRegistry((line) => console.log(line));
    console.log(
        seed.reused
            ? `seed: reused the cached registry storage ${seed.storageDir} (seeding it took ${formatMs(seed.seedMs)} when it was made)`
            : `seed: ${REPOSITORIES * VERSIONS} versions pushed through the HTTP API in ${formatMs(seed.seedMs)}`,
    );
    const registry = await startRegistry({ auth: "token", users: BENCH_USERS, storageDir: seed.storageDir });
    const env = { ACR_HELM_USERNAME: BENCH_USER, ACR_HELM_PASSWORD: BENCH_USERS[BENCH_USER].password };
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-bench-search-"));
    try {
        console.log(
            `registry ${registry.host} (CNCF Distribution, token auth as on ACR): ${REPOSITORIES} chart repositories x ${VERSIONS} versions; ${RUNS} runs, median`,
        );
        // Other work on the machine slows every figure: the 1-minute load average puts them in context.
        console.log(`machine: ${os.cpus().length} cores, load average ${os.loadavg()[0].toFixed(1)} at the start`);
        const newest: number[] = [];
        for (let run = 0; run < RUNS; run++) {
            const { ms, stdout } = await timedCli(
                ["search", `oci://${registry.host}`, "--plain-http", "-o", "json", "--timeout", "120"],
                env,
            );
            const found = (JSON.parse(stdout) as unknown[]).length;
            if (found !== REPOSITORIES) throw new Error(`search found ${found} charts, expected ${REPOSITORIES}`);
            newest.push(ms);
        }
        const searchMs = median(newest);
        console.log(
            `acr-helm search (newest version of each chart): ${formatMs(searchMs)} for ${REPOSITORIES} charts — target <= ${formatMs(TARGET_MS)}: ${searchMs <= TARGET_MS ? "met" : "MISSED"}`,
        );
        const all = await timedCli(
            ["search", `oci://${registry.host}`, "--versions", "--plain-http", "-o", "json", "--timeout", "300"],
            env,
        );
        console.log(
            `acr-helm search --versions (every version): ${formatMs(all.ms)} for ${(JSON.parse(all.stdout) as unknown[]).length} versions`,
        );
        const helm = requireTool("helm");
        const home = helmHome(work);
        await helmLogin(helm, home, registry.host, BENCH_USER, BENCH_USERS[BENCH_USER].password);
        const sample: number[] = [];
        for (let i = 0; i < HELM_SAMPLE; i++) {
            const start = process.hrtime.bigint();
            await execFileAsync(helm, ["show", "chart", `oci://${registry.host}/${NAMESPACE}/${chartName(i)}`, "--plain-http"], {
                env: { ...process.env, ...home },
            });
            sample.push(Number(process.hrtime.bigint() - start) / 1e6);
        }
        const perChart = sample.reduce((a, b) => a + b, 0) / sample.length;
        const extrapolated = perChart * REPOSITORIES;
        console.log(
            `helm show chart per repository (the alternative today, given the names): ${formatMs(perChart)} per chart on a sample of ${HELM_SAMPLE}, ` +
                `extrapolated to ${REPOSITORIES} charts: ${formatMs(extrapolated)} (${(extrapolated / searchMs).toFixed(1)}x the search)`,
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
