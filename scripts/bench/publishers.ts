import { execFile } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { promisify } from "util";
import { packageChart } from "../../chart/packaging/package";
import { RegistryClient } from "../../chart/distribution/client";
import { RegistryCredentials } from "../../chart/distribution/auth/credentials";
import { pushChart } from "../../chart/helmOci/push";
import { pushCharts } from "../../chart/helmOci/pushCharts";

const run = promisify(execFile);

export interface Target {
    readonly registry: string;
    readonly credentials: { username: string; password: string };
}

/**
 * Our path with the batch call: package the charts and publish them with one pushCharts over one client,
 * `concurrency` at a time (1 is the sequential case); the tags are read back together at the end.
 */
export async function publishBatch(charts: string[], target: Target, namespace: string, concurrency = 1): Promise<RegistryClient> {
    const credentials: RegistryCredentials = target.credentials;
    const client = new RegistryClient({ registry: target.registry, credentials, plainHttp: true });
    const packaged = [];
    for (const dir of charts) packaged.push(await packageChart(dir));
    const outcomes = await pushCharts({
        registry: target.registry,
        client,
        concurrency,
        charts: packaged.map((chart) => ({ chart, repository: `${namespace}/${chart.metadata.name}` })),
    });
    const failed = outcomes.find((o) => o.status === "rejected");
    if (failed) throw (failed as PromiseRejectedResult).reason;
    return client;
}

/**
 * Our path one call per chart: package each chart and push it with pushChart over one client, `concurrency`
 * charts at a time (one `pulumi up` creates independent ChartPublications concurrently; 1 is the sequential case).
 * Each pushChart reads its tag back after its own settle pause before returning.
 */
export async function publishWithLibrary(charts: string[], target: Target, namespace: string, concurrency = 1): Promise<RegistryClient> {
    const credentials: RegistryCredentials = target.credentials;
    const client = new RegistryClient({ registry: target.registry, credentials, plainHttp: true });
    const queue = [...charts];
    const worker = async () => {
        for (let dir = queue.shift(); dir !== undefined; dir = queue.shift()) {
            const chart = await packageChart(dir);
            await pushChart({
                registry: target.registry,
                credentials,
                plainHttp: true,
                client,
                chart,
                repository: `${namespace}/${chart.metadata.name}`,
            });
        }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, charts.length) }, worker));
    return client;
}

/** The loop a pipeline runs today: `helm package` then `helm push` per chart, after one `helm registry login`. */
export class HelmLoop {
    constructor(
        private readonly helm: string,
        private readonly workDir: string,
        private readonly target: Target,
    ) {}

    private env(): NodeJS.ProcessEnv {
        return {
            ...process.env,
            HELM_REGISTRY_CONFIG: path.join(this.workDir, "registry.json"),
            HELM_CACHE_HOME: path.join(this.workDir, "cache"),
            HELM_CONFIG_HOME: path.join(this.workDir, "config"),
            HELM_DATA_HOME: path.join(this.workDir, "data"),
        };
    }

    async login(): Promise<void> {
        const login = run(
            this.helm,
            ["registry", "login", this.target.registry, "--username", this.target.credentials.username, "--password-stdin", "--plain-http"],
            { env: this.env() },
        );
        login.child.stdin?.end(this.target.credentials.password);
        await login;
    }

    async publish(charts: string[], namespace: string): Promise<void> {
        const out = fs.mkdtempSync(path.join(this.workDir, "pkg-"));
        for (const dir of charts) {
            const { stdout } = await run(this.helm, ["package", dir, "-d", out], { env: this.env() });
            const tgz = stdout.trim().split(": ").pop() as string;
            await run(this.helm, ["push", tgz, `oci://${this.target.registry}/${namespace}`, "--plain-http"], { env: this.env() });
        }
    }
}
