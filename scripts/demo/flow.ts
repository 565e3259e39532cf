import { randomBytes } from "crypto";
import * as path from "path";
import { parse as parseYaml } from "yaml";
import { closeSharedClients } from "../../components/chart/oci/connection";
import { listChartVersions } from "../../components/chart/oci/list";
import { startLocalCluster, LocalCluster } from "../local/kubeApiServer";
import { findRepoRoot, requireTool } from "../local/tools";
import { startRegistry, TestRegistry } from "../local/registry";
import { HelmCli } from "./helmCli";
import { publishDemoChart } from "./publishDemoChart";

export const RELEASE = "acr-helm-demo-1";
export const NAMESPACE = "acr-helm-demo";

export interface DemoResult {
    readonly chartRef: string;
    readonly version: string;
    readonly digest: string;
    readonly republishChanges: boolean;
    readonly listedVersions: string[];
    readonly releaseStatus: string;
    readonly deployments: string[];
    readonly services: string[];
    readonly deploymentsAfterUninstall: string[];
    readonly registryHost: string;
    readonly apiServer: string;
}

type Log = (line: string) => void;

/** The walkthrough on this machine: local registry and API server, publish, install from oci://, check, uninstall. */
export async function runDemo(log: Log, credentials = demoCredentials()): Promise<DemoResult> {
    let registry: TestRegistry | undefined;
    let cluster: LocalCluster | undefined;
    let helm: HelmCli | undefined;
    try {
        log("==> Starting a local OCI registry (CNCF Distribution, password auth) on 127.0.0.1");
        registry = await startRegistry({ auth: "htpasswd", users: { [credentials.username]: { password: credentials.password, actions: ["pull", "push", "delete"] } } });
        log(`    registry: ${registry.host}`);
        log("==> Starting a local Kubernetes API server (etcd + kube-apiserver) on 127.0.0.1");
        cluster = await startLocalCluster();
        log(`    API server: ${cluster.server}`);
        helm = new HelmCli(requireTool("helm"), cluster.kubeconfigPath);
        return await walkthrough(registry, cluster, helm, credentials, log);
    } finally {
        log("==> Stopping everything the demo started");
        closeSharedClients();
        helm?.dispose();
        await cluster?.stop();
        await registry?.stop();
    }
}

function demoCredentials() {
    return { username: "acr-helm-push", password: randomBytes(18).toString("base64url") };
}

async function walkthrough(registry: TestRegistry, cluster: LocalCluster, helm: HelmCli, credentials: { username: string; password: string }, log: Log): Promise<DemoResult> {
    const chartPath = path.join(findRepoRoot(), "charts", "hello-acr");
    log(`==> Publishing ${path.relative(findRepoRoot(), chartPath)} with the ChartPublication provider`);
    const published = await publishDemoChart(chartPath, registry.host, credentials);
    log(`    Pushed: ${published.ref}:${published.version}\n    Digest: ${published.digest}`);
    log(`    Publishing the unchanged chart again: ${published.republishChanges ? "a change (unexpected)" : "no change"}`);
    const listedVersions = await listChartVersions({ registry: registry.host, repository: "helm/hello-acr", credentials, plainHttp: true });
    log(`==> Versions in ${registry.host}/helm/hello-acr: ${listedVersions.join(", ")}`);

    log(`==> helm registry login ${registry.host}`);
    await helm.run(["registry", "login", registry.host, "--username", credentials.username, "--password-stdin", "--plain-http"], credentials.password);
    log(`==> helm install ${RELEASE} ${published.ref} --version ${published.version} -n ${NAMESPACE} --create-namespace`);
    log(indent(await helm.run(["install", RELEASE, published.ref, "--version", published.version, "-n", NAMESPACE, "--create-namespace", "--plain-http"])));
    log(`==> helm list -n ${NAMESPACE} -o yaml`);
    const listing = await helm.run(["list", "-n", NAMESPACE, "-o", "yaml"]);
    log(indent(listing));
    const releaseStatus = (parseYaml(listing) as { name: string; status: string }[]).find((r) => r.name === RELEASE)?.status ?? "missing";
    const deployments = await objectNames(cluster, `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`);
    const services = await objectNames(cluster, `/api/v1/namespaces/${NAMESPACE}/services`);
    log(`==> In the API server: deployments [${deployments.join(", ")}], services [${services.join(", ")}]`);
    log(`==> helm uninstall ${RELEASE} -n ${NAMESPACE}`);
    log(indent(await helm.run(["uninstall", RELEASE, "-n", NAMESPACE])));
    const deploymentsAfterUninstall = await objectNames(cluster, `/apis/apps/v1/namespaces/${NAMESPACE}/deployments`);
    return {
        chartRef: published.ref, version: published.version, digest: published.digest, republishChanges: published.republishChanges,
        listedVersions, releaseStatus, deployments, services, deploymentsAfterUninstall, registryHost: registry.host, apiServer: cluster.server,
    };
}

async function objectNames(cluster: LocalCluster, apiPath: string): Promise<string[]> {
    const response = await cluster.apiRequest(apiPath);
    if (response.status !== 200) throw new Error(`GET ${apiPath} answered ${response.status}`);
    return (JSON.parse(response.body) as { items: { metadata: { name: string } }[] }).items.map((item) => item.metadata.name);
}

function indent(text: string): string {
    return text.trimEnd().split("\n").map((line) => `    ${line}`).join("\n");
}
