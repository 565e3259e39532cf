import { checkedAsThePluginDoes } from "../support/chartMocks";
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
    mockGuid,
    mockKubeletObjectId,
    MockRecorder,
    mockPassword,
    mockSubscriptionId,
    promiseOf,
    RecordedResource,
} from "../support/mocks";
import { PlatformRecorder, types } from "../platform/platformMocks";
import { readStackFileConfig } from "./stackFiles";
import type { StackOutputs } from "../../stacks/program";

const readerGuid = "b93aa761-3e63-49ed-ac28-beffa264f7ac";
const writerGuid = "2a1e307c-b015-4ebd-883e-5b7698a07328";
const stackModules = ["program", "config"].map((m) => path.resolve(__dirname, "../../stacks", `${m}.js`));

type StackProgram = StackOutputs;

/** Custom resources every stack creates, with or without registry replicas. */
const baseCounts = {
    "azure-native:resources:ResourceGroup": 1,
    "azure-native:containerregistry/v20251101:Registry": 1,
    "azure-native:containerservice:ManagedCluster": 1,
    "pulumi:providers:kubernetes": 1,
    "azure-native:authorization:RoleAssignment": 2,
    "azuread:index/application:Application": 1,
    "azuread:index/servicePrincipal:ServicePrincipal": 1,
    // Both stacks rotate the push password, so two overlap.
    "azuread:index/applicationPassword:ApplicationPassword": 2,
    "acr-helm:index:ChartPublication": 1,
    "acr-helm:index:ChartDownload": 1,
    "acr-helm:index:ReleaseGuard": 1,
    "kubernetes:core/v1:Namespace": 1,
    "kubernetes:helm.sh/v3:Release": 1,
};

/*
 * The push password rotates every 90 days in dev and 30 in prod, periods counted from the Unix epoch: `password` is
 * renewed at the start of even periods, `password-b` at the start of odd ones, and the newer is handed out.
 */
/** In dev's 90-day period 227 (2025-12-08 to 2026-03-08), odd: `password-b` is the newer. In prod's 30-day period 682 (2026-01-07 to 2026-02-06), even: `password`. */
const JANUARY = new Date("2026-01-15T12:00:00Z");
/** In dev's 90-day period 228 (2026-03-08 to 2026-06-06), even: `password` is the newer. */
const APRIL = new Date("2026-04-01T12:00:00Z");

/** [name, rotation period start, end date] of each push password. */
function passwordWindows(mocks: MockRecorder): string[][] {
    return mocks
        .ofType("azuread:index/applicationPassword:ApplicationPassword")
        .map((p) => [p.name, p.inputs.rotateWhenChanged.rotationPeriodStart, p.inputs.endDate]);
}

/** Runs the stack program as stacks/index.ts does for `pulumi up` of `stack`, at `now`, against the recording mocks. */
async function runStack(stack: string, now = JANUARY): Promise<{ mocks: PlatformRecorder; program: StackProgram }> {
    const mocks = new PlatformRecorder(false);
    await pulumi.runtime.setMocks(mocks, "acr-helm", stack, false);
    pulumi.runtime.setAllConfig(readStackFileConfig(stack));
    for (const modulePath of stackModules) delete require.cache[modulePath];
    const { deployStack } = require(stackModules[0]) as typeof import("../../stacks/program");
    const { readStackConfig } = require(stackModules[1]) as typeof import("../../stacks/config");
    const program = deployStack(readStackConfig(), () => now);
    await Promise.all([program.kubeconfig, program.pushClientSecret, program.loginServer, program.releaseStatus].map((o) => promiseOf(o)));
    await mocks.settled();
    return { mocks, program };
}

function roleAssignment(mocks: MockRecorder, roleGuid: string): RecordedResource {
    const matches = mocks
        .ofType("azure-native:authorization:RoleAssignment")
        .filter((r) => String(r.inputs.roleDefinitionId).endsWith(`/${roleGuid}`));
    assert.strictEqual(matches.length, 1, `one assignment of role ${roleGuid}`);
    return matches[0];
}

function registryIdOf(mocks: MockRecorder): string {
    return mocks.one("azure-native:containerregistry/v20251101:Registry").id;
}

describe("stack programs evaluated with their stack files", function () {
    this.timeout(60000);

    after(() => pulumi.runtime.setAllConfig({}));

    describe("dev", () => {
        let mocks: PlatformRecorder;
        let program: StackProgram;

        before(async () => {
            ({ mocks, program } = await runStack("dev"));
        });

        it("creates the Azure resources, the chart artifact, and the release with its namespace", () => {
            assert.deepStrictEqual(mocks.countsByType(), baseCounts);
        });

        it("uses the dev stack file's registry and node settings", () => {
            const registry = mocks.one("azure-native:containerregistry/v20251101:Registry").inputs;
            assert.strictEqual(registry.registryName, "acrhelmdev4821");
            assert.deepStrictEqual(registry.sku, { name: "Standard" });
            assert.strictEqual(registry.location, "westeurope");
            assert.deepStrictEqual(registry.tags, { project: "acr-helm", stack: "dev", environment: "dev" });
            const [pool] = mocks.one("azure-native:containerservice:ManagedCluster").inputs.agentPoolProfiles;
            assert.deepStrictEqual(pool, {
                name: "system",
                mode: "System",
                osType: "Linux",
                vmSize: "Standard_B2s",
                count: 1,
                enableAutoScaling: false,
            });
        });

        it("grants Repository Reader to the cluster's kubelet identity on the registry", async () => {
            const pull = roleAssignment(mocks, readerGuid);
            assert.strictEqual(pull.inputs.principalId, mockKubeletObjectId(await promiseOf(program.clusterName)));
            assert.strictEqual(pull.inputs.scope, registryIdOf(mocks));
        });

        it("grants Repository Writer on the registry id only, limited to the chart namespace", () => {
            const push = roleAssignment(mocks, writerGuid);
            assert.match(push.inputs.condition, /StringStartsWithIgnoreCase 'helm\/'\)\)$/);
            assert.strictEqual(push.inputs.scope, registryIdOf(mocks));
            assert.match(
                push.inputs.scope,
                new RegExp(
                    `^/subscriptions/${mockSubscriptionId}/resourceGroups/[^/]+/providers/Microsoft.ContainerRegistry/registries/acrhelmdev4821$`,
                ),
            );
            assert.strictEqual(push.inputs.principalId, mockGuid("acr-helm-push-sp/sp"));
            assert.strictEqual(push.inputs.principalType, "ServicePrincipal");
        });

        it("exports exactly the documented stack outputs", () => {
            assert.deepStrictEqual(Object.keys(program).sort(), [
                "chartRef",
                "chartVersion",
                "clusterName",
                "kubeconfig",
                "loginServer",
                "pushClientId",
                "pushClientSecret",
                "releaseStatus",
            ]);
        });

        it("exports the login server and cluster name in plain text", async () => {
            assert.strictEqual(await promiseOf(program.loginServer), "acrhelmdev4821.azurecr.io");
            assert.strictEqual(await pulumi.isSecret(program.loginServer), false);
            assert.ok((await promiseOf(program.clusterName)).length > 0);
        });

        it("exports the kubeconfig and the push client secret as secrets", async () => {
            assert.strictEqual(await pulumi.isSecret(program.kubeconfig), true);
            assert.strictEqual(await pulumi.isSecret(program.pushClientSecret), true);
            assert.strictEqual(await pulumi.isSecret(program.pushClientId), false);
        });

        it("publishes the demo chart to helm/ with the push principal's credentials, as a secret", () => {
            const artifact = mocks.one(types.chartArtifact);
            assert.strictEqual(artifact.inputs.loginServer, "acrhelmdev4821.azurecr.io");
            assert.strictEqual(checkedAsThePluginDoes(types.chartArtifact, artifact.inputs).namespace, "helm");
            assert.strictEqual(path.basename(artifact.inputs.chartPath), "hello-acr");
            assert.deepStrictEqual(artifact.inputs.credentials, {
                kind: "basic",
                username: mockGuid("acr-helm-push-app/client"),
                password: mockPassword("acr-helm-push-password-b"),
            });
            assert.deepStrictEqual(artifact.secretPaths, ["credentials"]);
        });

        it("on 2026-01-15, in the odd 90-day window, `password-b` is the newer; `password` has its last window to live", () => {
            assert.deepStrictEqual(passwordWindows(mocks), [
                ["acr-helm-push-password", "2025-09-09T00:00:00.000Z", "2026-03-08T00:00:00.000Z"],
                ["acr-helm-push-password-b", "2025-12-08T00:00:00.000Z", "2026-06-06T00:00:00.000Z"],
            ]);
        });

        it("releases the published chart as acr-helm-demo-1 into acr-helm-demo and exports its ref, version and status", async () => {
            const download = mocks.one(types.chartDownload);
            assert.strictEqual(download.inputs.chart, "oci://acrhelmdev4821.azurecr.io/helm/hello-acr");
            assert.strictEqual(await promiseOf(program.chartRef), download.inputs.chart);
            const published = mocks.states.get(mocks.one(types.chartArtifact).name) as { digest: string };
            assert.match(published.digest, /^sha256:[0-9a-f]{64}$/);
            assert.strictEqual(download.inputs.expectedDigest, published.digest);
            assert.deepStrictEqual(download.secretPaths, ["credentials"]);
            const release = mocks.one(types.helmRelease).inputs;
            assert.strictEqual(release.name, "acr-helm-demo-1");
            assert.strictEqual(release.namespace, "acr-helm-demo");
            assert.match(String(release.chart), /^\.pulumi-acr-helm\/charts\/sha256-[0-9a-f]{64}\/hello-acr-[^/]+\.tgz$/);
            assert.strictEqual(release.chart, mocks.states.get(download.name)?.path);
            assert.strictEqual(await promiseOf(program.chartVersion), release.version);
            assert.strictEqual(download.inputs.version, release.version);
            assert.strictEqual(await promiseOf(program.releaseStatus), "deployed");
            assert.ok(!("repositoryOpts" in release), "the release must not get repositoryOpts");
        });
    });

    describe("dev, one 90-day rotation window later", () => {
        let mocks: PlatformRecorder;

        before(async () => {
            ({ mocks } = await runStack("dev", APRIL));
        });

        it("renews `password` at the start of the even window and publishes with it, the newer; `password-b` keeps its window", () => {
            assert.deepStrictEqual(passwordWindows(mocks), [
                ["acr-helm-push-password", "2026-03-08T00:00:00.000Z", "2026-09-04T00:00:00.000Z"],
                ["acr-helm-push-password-b", "2025-12-08T00:00:00.000Z", "2026-06-06T00:00:00.000Z"],
            ]);
            assert.deepStrictEqual(mocks.one(types.chartArtifact).inputs.credentials, {
                kind: "basic",
                username: mockGuid("acr-helm-push-app/client"),
                password: mockPassword("acr-helm-push-password"),
            });
        });
    });

    describe("prod", () => {
        let mocks: MockRecorder;
        let program: StackProgram;

        before(async () => {
            ({ mocks, program } = await runStack("prod"));
        });

        it("adds one geo-replica to the dev resource set", () => {
            assert.deepStrictEqual(mocks.countsByType(), { ...baseCounts, "azure-native:containerregistry:Replication": 1 });
        });

        it("uses a Premium, zone-redundant registry with retention and a northeurope replica", () => {
            const registry = mocks.one("azure-native:containerregistry/v20251101:Registry").inputs;
            assert.deepStrictEqual(registry.sku, { name: "Premium" });
            assert.strictEqual(registry.zoneRedundancy, "Enabled");
            assert.deepStrictEqual(registry.policies, { retentionPolicy: { status: "enabled", days: 14 } });
            const replica = mocks.one("azure-native:containerregistry:Replication").inputs;
            assert.strictEqual(replica.location, "northeurope");
            assert.strictEqual(replica.zoneRedundancy, "Enabled");
        });

        it("autoscales the system pool between the configured bounds", () => {
            const [pool] = mocks.one("azure-native:containerservice:ManagedCluster").inputs.agentPoolProfiles;
            assert.deepStrictEqual(pool, {
                name: "system",
                mode: "System",
                osType: "Linux",
                vmSize: "Standard_D4s_v5",
                count: 2,
                enableAutoScaling: true,
                minCount: 2,
                maxCount: 5,
            });
        });

        it("rotates two push passwords every 30 days, each living 60 days, their windows 30 days apart", () => {
            const passwords = mocks.ofType("azuread:index/applicationPassword:ApplicationPassword").map((p) => p.inputs);
            const starts = passwords.map((p) => Date.parse(p.rotateWhenChanged.rotationPeriodStart));
            assert.deepStrictEqual(
                passwords.map((p, i) => (Date.parse(p.endDate) - starts[i]) / 86400000),
                [60, 60],
            );
            assert.strictEqual(Math.abs(starts[0] - starts[1]) / 86400000, 30);
        });

        it("in the even 30-day window of 2026-01-15, `password` is the newer and the chart is published with it", () => {
            assert.deepStrictEqual(passwordWindows(mocks), [
                ["acr-helm-push-password", "2026-01-07T00:00:00.000Z", "2026-03-08T00:00:00.000Z"],
                ["acr-helm-push-password-b", "2025-12-08T00:00:00.000Z", "2026-02-06T00:00:00.000Z"],
            ]);
            assert.strictEqual(mocks.one(types.chartArtifact).inputs.credentials.password, mockPassword("acr-helm-push-password"));
        });

        it("grants Repository Reader to the kubelet identity and Repository Writer on the registry id", async () => {
            const pull = roleAssignment(mocks, readerGuid);
            assert.strictEqual(pull.inputs.principalId, mockKubeletObjectId(await promiseOf(program.clusterName)));
            assert.strictEqual(roleAssignment(mocks, writerGuid).inputs.scope, registryIdOf(mocks));
        });

        it("exports the kubeconfig and the push client secret as secrets", async () => {
            assert.strictEqual(await pulumi.isSecret(program.kubeconfig), true);
            assert.strictEqual(await pulumi.isSecret(program.pushClientSecret), true);
        });
    });
});
