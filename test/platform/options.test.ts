import { checkedAsThePluginDoes } from "../support/chartMocks";
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { AcrHelmPlatformArgs } from "../../components/platform";
import { mockSubscriptionId, promiseOf } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { PlatformRun, runPlatform, types } from "./platformMocks";

const fixtureChart = path.join(repoRoot, "test", "fixtures", "charts", "build-metadata");

/** Every option set: an existing group, a Premium replicated registry, an autoscaled pool, rotation, a team chart. */
const maxArgs: AcrHelmPlatformArgs = {
    resourceGroupName: "platform-shared-rg",
    location: "northeurope",
    registry: {
        registryName: "acrhelmmax01",
        sku: "Premium",
        geoReplications: ["westeurope"],
        zoneRedundancy: true,
        untaggedRetentionDays: 7,
        networkDefaultAction: "Deny",
        ipAllowList: ["203.0.113.0/24"],
        webhooks: [{ name: "chartpush", serviceUri: "https://hooks.example.com/acr?token=abc", actions: ["chart_push"] }],
    },
    cluster: {
        clusterName: "aks-max",
        dnsPrefix: "aksmax",
        kubernetesVersion: "1.33",
        systemNodePool: { vmSize: "Standard_D4s_v5", minCount: 2, maxCount: 4 },
    },
    principal: { displayName: "team-a-chart-push", passwordRotationDays: 30 },
    chart: {
        chartPath: fixtureChart,
        repository: "charts/team-a",
        annotations: { "org.opencontainers.image.vendor": "Team A" },
        provenance: false,
        allowOverwrite: true,
        retainOnDelete: true,
    },
    release: {
        releaseName: "team-a-web",
        namespace: "team-a",
        podSecurity: "baseline",
        values: { replicaCount: 2, image: { repository: "team-a/web", tag: "2.0" } },
        imageFromRegistry: true,
        timeout: 600,
        skipAwait: true,
    },
    tags: { environment: "prod", owner: "team-a" },
};

describe("AcrHelmPlatform options", function () {
    this.timeout(60000);

    describe("max: every option into an existing resource group", () => {
        let run: PlatformRun;

        before(async () => {
            run = await runPlatform("max", maxArgs);
        });

        it("creates no resource group and deploys into the given one", async () => {
            assert.strictEqual(run.mocks.ofType(types.resourceGroup).length, 0);
            assert.strictEqual(run.mocks.one(types.registry).inputs.resourceGroupName, "platform-shared-rg");
            assert.strictEqual(run.mocks.one(types.cluster).inputs.resourceGroupName, "platform-shared-rg");
            assert.strictEqual(await promiseOf(run.platform.resourceGroupName), "platform-shared-rg");
            assert.strictEqual(
                run.mocks.one(types.registry).id,
                `/subscriptions/${mockSubscriptionId}/resourceGroups/platform-shared-rg/providers/Microsoft.ContainerRegistry/registries/acrhelmmax01`,
            );
        });

        it("passes the registry settings, location and tags to the registry", () => {
            const registry = run.mocks.one(types.registry).inputs;
            assert.strictEqual(registry.location, "northeurope");
            assert.deepStrictEqual(registry.sku, { name: "Premium" });
            assert.strictEqual(registry.zoneRedundancy, "Enabled");
            assert.deepStrictEqual(registry.policies, { retentionPolicy: { status: "enabled", days: 7 } });
            assert.deepStrictEqual(registry.networkRuleSet, {
                defaultAction: "Deny",
                ipRules: [{ action: "Allow", iPAddressOrRange: "203.0.113.0/24" }],
            });
            assert.deepStrictEqual(registry.tags, { environment: "prod", owner: "team-a" });
            assert.strictEqual(registry.adminUserEnabled, false);
            assert.strictEqual(registry.anonymousPullEnabled, false);
            assert.strictEqual(run.mocks.one(types.replication).inputs.location, "westeurope");
            assert.deepStrictEqual(run.mocks.one(types.webhook).secretPaths, ["serviceUri"]);
        });

        it("passes the cluster settings and tags to the cluster", () => {
            const cluster = run.mocks.one(types.cluster).inputs;
            assert.strictEqual(cluster.resourceName, "aks-max");
            assert.strictEqual(cluster.dnsPrefix, "aksmax");
            assert.strictEqual(cluster.kubernetesVersion, "1.33");
            assert.strictEqual(cluster.location, "northeurope");
            assert.deepStrictEqual(cluster.tags, { environment: "prod", owner: "team-a" });
            const [pool] = cluster.agentPoolProfiles;
            assert.deepStrictEqual(
                { vmSize: pool.vmSize, enableAutoScaling: pool.enableAutoScaling, minCount: pool.minCount, maxCount: pool.maxCount },
                { vmSize: "Standard_D4s_v5", enableAutoScaling: true, minCount: 2, maxCount: 4 },
            );
        });

        it("names the push principal and rotates two passwords every 30 days, each living 60 days", () => {
            assert.strictEqual(run.mocks.one(types.application).inputs.displayName, "team-a-chart-push");
            const passwords = run.mocks.ofType(types.password);
            assert.deepStrictEqual(
                passwords.map((p) => [
                    p.name,
                    (Date.parse(p.inputs.endDate) - Date.parse(p.inputs.rotateWhenChanged.rotationPeriodStart)) / 86400000,
                ]),
                [
                    ["max-push-password", 60],
                    ["max-push-password-b", 60],
                ],
            );
        });

        it("publishes the given chart to the given repository with its publication options", async () => {
            const artifact = run.mocks.one(types.chartArtifact).inputs;
            assert.strictEqual(artifact.chartPath, fixtureChart);
            assert.strictEqual(checkedAsThePluginDoes(types.chartArtifact, artifact).namespace, "charts/team-a");
            assert.deepStrictEqual(artifact.annotations, { "org.opencontainers.image.vendor": "Team A" });
            assert.strictEqual(artifact.provenance, false);
            assert.strictEqual(artifact.allowOverwrite, true);
            assert.strictEqual(artifact.retainOnDelete, true);
            assert.strictEqual(await promiseOf(run.platform.chartRef), "oci://acrhelmmax01.azurecr.io/charts/team-a/build-meta");
            assert.strictEqual(await promiseOf(run.platform.chartVersion), "1.2.3+build.4");
        });

        it("installs under the given name and namespace, pulling the image from the registry", async () => {
            const download = run.mocks.one(types.chartDownload).inputs;
            assert.strictEqual(download.chart, "oci://acrhelmmax01.azurecr.io/charts/team-a/build-meta");
            assert.strictEqual(download.version, "1.2.3+build.4");
            const published = run.mocks.states.get("max-chart") as { digest: string };
            assert.match(published.digest, /^sha256:[0-9a-f]{64}$/);
            assert.strictEqual(download.expectedDigest, published.digest);
            const release = run.mocks.one(types.helmRelease).inputs;
            assert.strictEqual(release.name, "team-a-web");
            assert.strictEqual(release.namespace, "team-a");
            assert.match(String(release.chart), /^\.pulumi-acr-helm\/charts\/sha256-[0-9a-f]{64}\/build-meta-1\.2\.3\+build\.4\.tgz$/);
            assert.strictEqual(release.version, "1.2.3+build.4");
            assert.strictEqual(release.timeout, 600);
            assert.strictEqual(release.skipAwait, true);
            assert.deepStrictEqual(release.values, {
                replicaCount: 2,
                image: { registry: "acrhelmmax01.azurecr.io", repository: "team-a/web", tag: "2.0" },
            });
            const labels = run.mocks.one(types.namespace).inputs.metadata.labels;
            assert.strictEqual(labels["pod-security.kubernetes.io/enforce"], "baseline");
            assert.strictEqual(await promiseOf(run.platform.releaseNamespace), "team-a");
        });
    });

    describe("secure: nothing sensitive leaves the component unprotected", () => {
        it("keeps admin user and anonymous pull off, and the secrets secret, whatever the registry tier", async () => {
            const run = await runPlatform("secure", { registry: { registryName: "acrhelmsecure01", sku: "Basic" } });
            const registry = run.mocks.one(types.registry).inputs;
            assert.strictEqual(registry.adminUserEnabled, false);
            assert.strictEqual(registry.anonymousPullEnabled, false);
            assert.deepStrictEqual(run.mocks.one(types.chartArtifact).secretPaths, ["credentials"]);
            assert.deepStrictEqual(run.mocks.one(types.chartDownload).secretPaths, ["credentials"]);
            assert.deepStrictEqual(run.mocks.one(types.k8sProvider).secretPaths, ["kubeconfig"]);
            assert.strictEqual(await pulumi.isSecret(run.platform.kubeconfig), true);
            assert.strictEqual(await pulumi.isSecret(run.platform.pushClientSecret), true);
        });

        it("ignores an admin user or anonymous pull slipped in by an untyped caller", async () => {
            const registry = { registryName: "acrhelmsecure02", sku: "Premium", adminUserEnabled: true, anonymousPullEnabled: true };
            const run = await runPlatform("untyped", { registry } as AcrHelmPlatformArgs);
            const inputs = run.mocks.one(types.registry).inputs;
            assert.strictEqual(inputs.adminUserEnabled, false);
            assert.strictEqual(inputs.anonymousPullEnabled, false);
        });

        it("leaves image.registry to the chart unless imageFromRegistry is set", async () => {
            const run = await runPlatform("plain", {
                registry: { registryName: "acrhelmplain01" },
                release: { values: { image: { tag: "1.27.3" } } },
            });
            assert.deepStrictEqual(run.mocks.one(types.helmRelease).inputs.values, { image: { tag: "1.27.3" } });
        });
    });
});
