import { checkedAsThePluginDoes } from "../support/chartMocks";
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import * as YAML from "yaml";
import { mockGuid, mockKubeconfig, mockKubeletObjectId, mockPassword, promiseOf, RecordedResource } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { isUnknown, ownInputs } from "../release/releaseMocks";
import { PlatformRun, repositoryReaderGuid, repositoryWriterGuid, runPlatform, types } from "./platformMocks";

const demoChart = YAML.parse(fs.readFileSync(path.join(repoRoot, "charts", "hello-acr", "Chart.yaml"), "utf8")) as {
    name: string;
    version: string;
};

function roleAssignment(run: PlatformRun, roleGuid: string): RecordedResource {
    const matches = run.mocks.ofType(types.roleAssignment).filter((r) => String(r.inputs.roleDefinitionId).endsWith(`/${roleGuid}`));
    assert.strictEqual(matches.length, 1, `one assignment of role ${roleGuid}`);
    return matches[0];
}

describe("AcrHelmPlatform", function () {
    this.timeout(60000);

    describe("defaults: a new resource group and the demo chart released from the registry", () => {
        let run: PlatformRun;

        before(async () => {
            run = await runPlatform("demo", { registry: { registryName: "acrhelmdemo01" } });
        });

        it("creates the whole graph: Azure resources, the chart artifact and the release", () => {
            assert.deepStrictEqual(run.mocks.countsByType(), {
                [types.resourceGroup]: 1,
                [types.registry]: 1,
                [types.cluster]: 1,
                [types.roleAssignment]: 2,
                [types.application]: 1,
                [types.servicePrincipal]: 1,
                [types.password]: 1,
                [types.k8sProvider]: 1,
                [types.chartArtifact]: 1,
                [types.chartDownload]: 1,
                [types.releaseGuard]: 1,
                [types.namespace]: 1,
                [types.helmRelease]: 1,
            });
        });

        it("checks the release's Helm records with the cluster's kubeconfig, kept secret, before Helm runs", async () => {
            const guard = run.mocks.one(types.releaseGuard);
            assert.deepStrictEqual(
                [guard.inputs.namespace, guard.inputs.releaseName, guard.inputs.recoverPendingRelease, guard.inputs.pendingTimeout],
                ["acr-helm-demo", "acr-helm-demo-1", false, 300],
            );
            assert.strictEqual(guard.inputs.kubeconfig, await promiseOf(run.platform.kubeconfig));
            assert.deepStrictEqual(guard.secretPaths, ["kubeconfig"]);
        });

        it("names every child after the platform and parents the components to it", () => {
            const components = run.mocks.resources
                .filter((r) => !r.custom)
                .map((r) => `${r.type} ${r.name}`)
                .sort();
            assert.deepStrictEqual(components, [
                "acr-helm:cluster:AksCluster demo-cluster",
                "acr-helm:platform:AcrHelmPlatform demo",
                "acr-helm:principal:AcrPushPrincipal demo-push",
                "acr-helm:registry:ContainerRegistry demo-registry",
                "acr-helm:release:ChartRelease demo-release",
            ]);
            assert.strictEqual(run.mocks.one(types.resourceGroup).name, "demo-rg");
        });

        it("places the registry and the cluster in the new resource group", async () => {
            const groupName = (await promiseOf(run.platform.resourceGroupName)) as string;
            assert.match(groupName, /^demo-rg/);
            assert.strictEqual(run.mocks.one(types.registry).inputs.resourceGroupName, groupName);
            assert.strictEqual(run.mocks.one(types.cluster).inputs.resourceGroupName, groupName);
        });

        it("grants Repository Reader to the kubelet identity and Repository Writer to the principal, both on the registry only", async () => {
            const registryId = run.mocks.one(types.registry).id;
            const pull = roleAssignment(run, repositoryReaderGuid);
            const push = roleAssignment(run, repositoryWriterGuid);
            assert.strictEqual(pull.inputs.scope, registryId);
            assert.strictEqual(push.inputs.scope, registryId);
            assert.strictEqual(pull.inputs.principalId, mockKubeletObjectId(await promiseOf(run.platform.clusterName)));
            assert.strictEqual(push.inputs.principalId, mockGuid("demo-push-sp/sp"));
            assert.strictEqual(await promiseOf(run.platform.registryId), registryId);
        });

        it("publishes the demo chart to helm/ in the registry with the principal's client id and password, as a secret", () => {
            const artifact = run.mocks.one(types.chartArtifact);
            assert.strictEqual(artifact.name, "demo-chart");
            assert.strictEqual(artifact.inputs.chartPath, path.join(repoRoot, "charts", "hello-acr"));
            assert.strictEqual(artifact.inputs.loginServer, "acrhelmdemo01.azurecr.io");
            assert.strictEqual(checkedAsThePluginDoes(types.chartArtifact, artifact.inputs).namespace, "helm");
            assert.deepStrictEqual(artifact.inputs.credentials, {
                kind: "basic",
                username: mockGuid("demo-push-app/client"),
                password: mockPassword("demo-push-password"),
            });
            assert.deepStrictEqual(artifact.secretPaths, ["credentials"]);
        });

        it("downloads exactly the published artifact: its ref, version and digest", () => {
            const download = run.mocks.one(types.chartDownload);
            assert.strictEqual(download.name, "demo-release-chart");
            const published = run.mocks.states.get("demo-chart") as { digest: string };
            assert.match(published.digest, /^sha256:[0-9a-f]{64}$/);
            assert.deepStrictEqual(ownInputs(download.inputs), {
                chart: `oci://acrhelmdemo01.azurecr.io/helm/${demoChart.name}`,
                version: demoChart.version,
                expectedDigest: published.digest,
                credentials: { kind: "basic", username: mockGuid("demo-push-app/client"), password: mockPassword("demo-push-password") },
            });
        });

        it("installs the downloaded chart as acr-helm-demo-1 into acr-helm-demo on the cluster's provider", () => {
            const release = run.mocks.one(types.helmRelease);
            assert.strictEqual(release.inputs.name, "acr-helm-demo-1");
            assert.strictEqual(release.inputs.namespace, "acr-helm-demo");
            const downloaded = run.mocks.states.get("demo-release-chart") as { path: string; digest: string };
            assert.strictEqual(release.inputs.chart, downloaded.path);
            assert.strictEqual(
                release.inputs.chart,
                `.pulumi-acr-helm/charts/${downloaded.digest.replace(":", "-")}/${demoChart.name}-${demoChart.version}.tgz`,
            );
            assert.strictEqual(release.inputs.version, demoChart.version);
            assert.deepStrictEqual(release.inputs.values, {});
            assert.strictEqual(run.mocks.one(types.namespace).inputs.metadata.name, "acr-helm-demo");
            const provider = run.mocks.one(types.k8sProvider);
            assert.match(
                String(run.mocks.providers.get(release.name)),
                new RegExp(`\\$pulumi:providers:kubernetes::${provider.name}::${provider.id}$`),
            );
        });

        it("makes the release wait for the publication, through the chart download", () => {
            // The release takes the download's path as its chart, so it waits for the download.
            assert.strictEqual(run.mocks.one(types.helmRelease).inputs.chart, run.mocks.states.get("demo-release-chart")?.path);
            const dependsOn = run.optionsOf("demo-release-chart").dependsOn;
            assert.ok(Array.isArray(dependsOn), "dependsOn is a list");
            const names = dependsOn.map((resource) => (resource as unknown as { __name?: string }).__name);
            assert.deepStrictEqual(names, ["demo-chart"]);
        });

        it("pulls the chart with the push principal's credentials, sent only as a secret and never to Helm", () => {
            const download = run.mocks.one(types.chartDownload);
            assert.deepStrictEqual(download.inputs.credentials, {
                kind: "basic",
                username: mockGuid("demo-push-app/client"),
                password: mockPassword("demo-push-password"),
            });
            assert.deepStrictEqual(download.secretPaths, ["credentials"]);
            const release = run.mocks.one(types.helmRelease);
            assert.ok(!("repositoryOpts" in release.inputs), "the release must not get repositoryOpts");
            assert.ok(!JSON.stringify(release.inputs).includes(mockGuid("demo-push-app/client")), "the release carries the username");
        });

        it("reports the chart and release outputs", async () => {
            const artifact = run.mocks.one(types.chartArtifact);
            assert.strictEqual(await promiseOf(run.platform.chartRef), `oci://acrhelmdemo01.azurecr.io/helm/${demoChart.name}`);
            assert.strictEqual(await promiseOf(run.platform.chartVersion), demoChart.version);
            assert.match(await promiseOf(run.platform.chartDigest), /^sha256:[0-9a-f]{64}$/);
            const reported = run.mocks.states.get(artifact.name) as { chartDigest: string; digest: string };
            assert.strictEqual(await promiseOf(run.platform.chartDigest), reported.chartDigest);
            assert.notStrictEqual(reported.chartDigest, reported.digest);
            assert.strictEqual(await promiseOf(run.platform.releaseStatus), "deployed");
            assert.strictEqual(await promiseOf(run.platform.releaseNamespace), "acr-helm-demo");
            assert.strictEqual(await promiseOf(run.platform.loginServer), "acrhelmdemo01.azurecr.io");
        });

        it("keeps the kubeconfig and the push password secret, and the identifiers plain", async () => {
            const clusterName = await promiseOf(run.platform.clusterName);
            assert.strictEqual(await promiseOf(run.platform.kubeconfig), mockKubeconfig(clusterName));
            assert.strictEqual(await promiseOf(run.platform.pushClientSecret), mockPassword("demo-push-password"));
            assert.strictEqual(await pulumi.isSecret(run.platform.kubeconfig), true);
            assert.strictEqual(await pulumi.isSecret(run.platform.pushClientSecret), true);
            for (const plain of [run.platform.loginServer, run.platform.pushClientId, run.platform.chartRef, run.platform.clusterName]) {
                assert.strictEqual(await pulumi.isSecret(plain), false);
            }
        });

        it("sends no password in plain text to any resource", () => {
            const password = mockPassword("demo-push-password");
            for (const resource of run.mocks.resources) {
                const plain = JSON.stringify(withoutSecrets(resource));
                assert.ok(!plain.includes(password), `${resource.name} carries the password outside a secret`);
            }
        });
    });

    describe("first preview of a new stack", () => {
        it("leaves the version unknown until the chart is pushed, so the chart is not fetched during preview", async () => {
            const run = await runPlatform("demo", { registry: { registryName: "acrhelmdemo01" } }, { preview: true });
            const download = run.mocks.one(types.chartDownload);
            for (const input of ["chart", "version", "expectedDigest"]) {
                assert.ok(
                    isUnknown(download.inputs[input]),
                    `download ${input} should be unknown, got ${JSON.stringify(download.inputs[input])}`,
                );
            }
            const release = run.mocks.one(types.helmRelease);
            assert.ok(isUnknown(release.inputs.version), `version should be unknown, got ${JSON.stringify(release.inputs.version)}`);
            assert.ok(isUnknown(release.inputs.chart), `chart should be unknown, got ${JSON.stringify(release.inputs.chart)}`);
            assert.strictEqual(release.inputs.name, "acr-helm-demo-1");
        });
    });
});

/** The recorded inputs with every secret path removed. */
function withoutSecrets(resource: RecordedResource): Record<string, unknown> {
    const copy = JSON.parse(JSON.stringify(resource.inputs)) as Record<string, unknown>;
    for (const secretPath of resource.secretPaths) {
        const keys = secretPath.split(".");
        let target = copy as Record<string, unknown>;
        for (const key of keys.slice(0, -1)) target = (target?.[key] ?? {}) as Record<string, unknown>;
        delete target[keys[keys.length - 1]];
    }
    return copy;
}
