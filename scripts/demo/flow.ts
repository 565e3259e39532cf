import { randomBytes } from "crypto";
import { RegistryRequests } from "../local/registryRequests";
import * as path from "path";
import { listChartVersions } from "../../chart/helmOci/list";
import { closeSharedClients } from "../../chart/distribution/connection";
import { LocalCluster, startLocalCluster } from "../local/kubeApiServer";
import { backendFiles, describeFindings, findSecrets } from "../local/secretScanner";
import { startRegistry, TestRegistry } from "../local/registry";
import { setChartVersion } from "../local/chartVersion";
import { findRepoRoot } from "../local/tools";
import { DemoWorkspace, prepareDemoWorkspace } from "./workspace";
import { configure, Log, namespaceNames, pulumiLines, readyPods, releaseOutputs, ReleaseOutputs, Walkthrough } from "./stackSteps";
import { teamWalkthrough, TeamWalkthroughResult } from "./teamFlow";
import { yamlWalkthrough, YamlWalkthroughResult } from "./yamlFlow";

export const NAMESPACE = "acr-helm-demo";
export const RELEASE = "acr-helm-demo-1";

export interface DemoResult {
    readonly registryHost: string;
    readonly apiServer: string;
    /** Requests the registry answered while the first `pulumi preview` ran. */
    readonly previewRequests: number;
    readonly first: ReleaseOutputs;
    /** Pods of the release Running and Ready (on a simulated node) once the first `pulumi up` returned. */
    readonly firstReadyPods: string[];
    /** Whether the second `pulumi up` changed nothing (`--expect-no-changes` passed). */
    readonly secondUpNoChanges: boolean;
    readonly afterBump: ReleaseOutputs;
    /** Versions listed in the registry after the bump, per namespace. */
    readonly versions: { readonly charts: string[]; readonly myHelmCharts: string[] };
    /** Secrets found, in any spelling (raw, base64, Basic auth ...), in `pulumi stack export` or the state files: "<name> as <form> in <where>". */
    readonly plaintextSecrets: string[];
    /** Namespaces the API server still lists after `pulumi destroy`. */
    readonly namespacesAfterDestroy: string[];
    /** The same walkthrough written in Pulumi YAML (examples/yaml). */
    readonly yaml: YamlWalkthroughResult;
    /** Platform and application stacks on `azblob://` state in local Azure Blob storage (stacks/platform, stacks/app). */
    readonly teams: TeamWalkthroughResult;
}

/**
 * The walkthrough with the real Pulumi CLI: the project in examples/local publishes charts/hello-acr to a local
 * registry and installs it into a local API server; preview, up, a no-op up, a version bump, destroy.
 */
export async function runDemo(log: Log, credentials = demoCredentials()): Promise<DemoResult> {
    let registry: TestRegistry | undefined;
    let cluster: LocalCluster | undefined;
    let work: DemoWorkspace | undefined;
    try {
        log("==> Starting a local OCI registry (CNCF Distribution, TLS, password auth) on 127.0.0.1");
        registry = await startRegistry({
            auth: "htpasswd",
            tls: true,
            accessLog: true,
            users: { [credentials.username]: { password: credentials.password, actions: ["pull", "push", "delete"] } },
        });
        log(`    registry: ${registry.host}`);
        log("==> Starting a local Kubernetes cluster (etcd, API server, controllers, scheduler, one KWOK node) on 127.0.0.1");
        cluster = await startLocalCluster({ simulatedNodes: 1 });
        log(`    API server: ${cluster.server}`);
        work = prepareDemoWorkspace();
        const typescript = await walkthrough({ registry, cluster, work, credentials, log });
        work.dispose();
        work = prepareDemoWorkspace(path.join(findRepoRoot(), "examples", "yaml"));
        const yaml = await yamlWalkthrough({ registry, cluster, work, credentials, log });
        work.dispose();
        work = undefined;
        return { ...typescript, yaml, teams: await teamWalkthrough({ registry, cluster, credentials, log }) };
    } finally {
        log("==> Stopping everything the demo started");
        closeSharedClients();
        await cluster?.stop();
        await registry?.stop();
        work?.dispose();
    }
}

function demoCredentials() {
    return { username: "acr-helm-push", password: randomBytes(18).toString("base64url") };
}

async function walkthrough({ registry, cluster, work, credentials, log }: Walkthrough): Promise<Omit<DemoResult, "yaml" | "teams">> {
    const stack = work.stack;
    const show = (chunk: string) => pulumiLines(chunk).forEach((line) => log(`    ${line}`));
    log(`==> pulumi stack init ${stack.name}   (project ${path.relative(findRepoRoot(), stack.workspace.projectDir)})`);
    await stack.init();
    await configure(stack, registry, cluster, work, credentials);

    log("==> pulumi preview");
    const requests = await RegistryRequests.start(registry);
    await stack.expect(["preview"], { onOutput: show });
    const previewRequests = (await requests.settled()).length;
    log(`    requests the registry answered during preview: ${previewRequests}`);

    log("==> pulumi up");
    await stack.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
    const first = await releaseOutputs(stack);
    log(
        `    ${first.chartRef}:${first.chartVersion} (${first.chartDigest}), release ${first.releaseStatus}, revision ${first.releaseRevision}`,
    );
    // The release waited for its Deployment (skipAwait false): its pods are ready when `up` returns.
    const firstReadyPods = await readyPods(cluster, NAMESPACE);
    log(`    pods Running and Ready when up returned: ${firstReadyPods.join(", ") || "none"}`);

    log("==> pulumi up   (nothing changed: expect no changes)");
    const second = await stack.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { onOutput: show });

    log("==> Bumping the chart to 0.2.0, then pulumi up");
    setChartVersion(work.chartDir, "0.2.0");
    await stack.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
    const afterBump = await releaseOutputs(stack);
    const connection = { registry: registry.host, credentials, caCert: registry.caCertPem };
    const versions = {
        charts: await listChartVersions({ ...connection, repository: "charts/hello-acr" }),
        myHelmCharts: await listChartVersions({ ...connection, repository: "my-helm-charts/hello-acr" }),
    };
    log(
        `    release revision ${afterBump.releaseRevision}; versions in the registry: charts/hello-acr [${versions.charts.join(", ")}], my-helm-charts/hello-acr [${versions.myHelmCharts.join(", ")}]`,
    );

    log("==> pulumi stack export: looking for secrets in plain text");
    const secrets = [
        { name: "registry password", value: credentials.password, username: credentials.username },
        { name: "API server token", value: cluster.token },
        { name: "stack passphrase", value: work.passphrase },
    ];
    const plaintextSecrets = describeFindings(
        findSecrets([{ where: "pulumi stack export", text: await stack.exportState() }, ...backendFiles(work.backendDir)], secrets),
    );
    log(plaintextSecrets.length === 0 ? "    none: every secret is encrypted" : `    FOUND: ${plaintextSecrets.join(", ")}`);

    log("==> pulumi destroy");
    await stack.expect(["destroy", "--yes", "--skip-preview"], { onOutput: show });
    const namespacesAfterDestroy = await namespaceNames(cluster);
    return {
        registryHost: registry.host,
        apiServer: cluster.server,
        previewRequests,
        first,
        firstReadyPods,
        secondUpNoChanges: second.code === 0,
        afterBump,
        versions,
        plaintextSecrets,
        namespacesAfterDestroy: namespacesAfterDestroy.filter((name) => name === NAMESPACE),
    };
}
