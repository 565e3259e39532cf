import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { writeChartArchive } from "../../chart/packaging/archiveWriter";
import { parseChartYaml } from "../../chart/model/chartfile";
import { boundedMap } from "../../chart/catalog/boundedMap";
import { ensureBlob } from "../../chart/distribution/blobUpload";
import { RegistryClient } from "../../chart/distribution/client";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../chart/distribution/mediaTypes";
import { buildHelmArtifact } from "../../chart/helmOci/manifest";
import { versionToTag } from "../../chart/helmOci/reference";
import { IssuerUser } from "../local/tokenIssuer";
import { startRegistry } from "../local/registry";

/** Bump when what is seeded changes, so that an older cached registry is not reused. */
export const SEED_FORMAT = 1;
export const REPOSITORIES = 500;
export const VERSIONS = 20;
export const NAMESPACE = "bench";
export const BENCH_USER = "bench";
export const BENCH_USERS: Record<string, IssuerUser> = {
    [BENCH_USER]: { password: "bench-Secret-pa55", actions: ["pull", "push", "catalog"] },
};

export interface SeededRegistry {
    /** the registry's storage root, ready to serve */
    storageDir: string;
    /** how long seeding took when it was done (it may have been an earlier run) */
    seedMs: number;
    reused: boolean;
}

/** Where seeded registries are kept between runs: next to the built tools. */
function cacheRoot(): string {
    const base =
        process.env.ACR_HELM_TOOLS_CACHE ?? path.join(process.env.XDG_CACHE_HOME ?? path.join(os.homedir(), ".cache"), "pulumi-acr-helm");
    return path.join(base, "bench-search", `seed-v${SEED_FORMAT}-${REPOSITORIES}x${VERSIONS}`);
}

export const chartName = (index: number) => `chart-${String(index).padStart(3, "0")}`;
const versionOf = (index: number) => `1.${Math.floor(index / 5)}.${index % 5}`;

/** A small real chart archive for one version, built in memory (no chart directory on disk). */
async function chartVersion(name: string, version: string) {
    const chartYaml = `apiVersion: v2\nname: ${name}\nversion: ${version}\nappVersion: "${version}"\ndescription: Benchmark chart ${name}\nkeywords: [bench]\n`;
    const template =
        "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\ndata:\n  greeting: {{ .Values.greeting | quote }}\n";
    const archive = await writeChartArchive(
        [
            { path: `${name}/Chart.yaml`, data: Buffer.from(chartYaml) },
            { path: `${name}/values.yaml`, data: Buffer.from(`greeting: hello from ${name} ${version}\n`) },
            { path: `${name}/templates/configmap.yaml`, data: Buffer.from(template) },
        ],
        0,
    );
    return { metadata: parseChartYaml(chartYaml, `${name}/Chart.yaml`), archive };
}

async function pushVersion(client: RegistryClient, name: string, version: string): Promise<void> {
    const repository = `${NAMESPACE}/${name}`;
    const chart = await chartVersion(name, version);
    const artifact = buildHelmArtifact(chart);
    await ensureBlob(client, repository, artifact.configDescriptor, artifact.config);
    await ensureBlob(client, repository, artifact.chartDescriptor, chart.archive);
    const put = await client.send({
        operation: "push",
        repository,
        actions: ["pull", "push"],
        method: "PUT",
        path: `/v2/${repository}/manifests/${versionToTag(version)}`,
        headers: { "content-type": OCI_MANIFEST_MEDIA_TYPE },
        body: artifact.manifest,
    });
    if (put.status !== 201) throw new Error(`seeding ${repository}:${version}: manifest PUT answered HTTP ${put.status}`);
}

/**
 * A registry storage holding REPOSITORIES charts × VERSIONS versions, pushed through the HTTP API of a real
 * registry once and then kept in the tools cache, keyed by SEED_FORMAT. An interrupted seed is never reused.
 */
export async function seededRegistry(log: (line: string) => void): Promise<SeededRegistry> {
    const root = cacheRoot();
    const storageDir = path.join(root, "storage");
    const marker = path.join(root, "seeded.json");
    if (fs.existsSync(marker) && fs.existsSync(storageDir)) {
        const { seedMs } = JSON.parse(fs.readFileSync(marker, "utf8")) as { seedMs: number };
        return { storageDir, seedMs, reused: true };
    }
    const partial = path.join(root, "storage.partial");
    fs.rmSync(partial, { recursive: true, force: true });
    fs.mkdirSync(partial, { recursive: true });
    log(`seeding ${REPOSITORIES} charts x ${VERSIONS} versions into ${partial} (once; kept for later runs)`);
    const registry = await startRegistry({ auth: "token", users: BENCH_USERS, storageDir: partial });
    const client = new RegistryClient({
        registry: registry.host,
        plainHttp: true,
        credentials: { username: BENCH_USER, password: BENCH_USERS[BENCH_USER].password },
    });
    const started = Date.now();
    try {
        const jobs = Array.from({ length: REPOSITORIES * VERSIONS }, (_, i) => ({
            name: chartName(Math.floor(i / VERSIONS)),
            version: versionOf(i % VERSIONS),
        }));
        await boundedMap(jobs, 8, async (job, i) => {
            await pushVersion(client, job.name, job.version);
            if ((i + 1) % 1000 === 0) log(`  ${i + 1} / ${jobs.length} versions pushed`);
        });
    } finally {
        client.close();
        await registry.stop();
    }
    const seedMs = Date.now() - started;
    fs.rmSync(storageDir, { recursive: true, force: true });
    fs.renameSync(partial, storageDir);
    fs.writeFileSync(marker, JSON.stringify({ format: SEED_FORMAT, repositories: REPOSITORIES, versions: VERSIONS, seedMs }));
    return { storageDir, seedMs, reused: false };
}
