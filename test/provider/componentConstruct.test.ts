import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import {
    installMocks,
    MockRecorder,
    mockKubeconfig,
    mockKubeletObjectId,
    mockPassword,
    mockSubscriptionId,
    mockTenantId,
} from "../support/mocks";
import { repoRoot } from "../support/paths";
import { PlatformRecorder } from "../platform/platformMocks";
import { pluginProvider } from "./pluginResource";

const schema = JSON.parse(fs.readFileSync(path.join(repoRoot, "provider", "schema.json"), "utf8")) as {
    resources: Record<string, { properties?: Record<string, { secret?: boolean }> }>;
};
const resourceGroupId = `/subscriptions/${mockSubscriptionId}/resourceGroups/rg-acr`;
const registryId = `${resourceGroupId}/providers/Microsoft.ContainerRegistry/registries/acrhelmtest`;

/** A dependency's output, as the provider server hands construct an input that came from another resource. */
function fromAnotherResource(value: string): pulumi.Output<string> {
    return pulumi.output(value);
}

/** Resolves every state value the way the engine serializes it: the value, and whether it stays secret. */
async function resolved(state: pulumi.Inputs): Promise<Record<string, { value: unknown; secret: boolean }>> {
    const entries = await Promise.all(
        Object.entries(state).map(async ([key, value]) => {
            if (!pulumi.Output.isInstance(value)) return [key, { value, secret: false }] as const;
            const [plain, secret] = await Promise.all([new Promise((resolve) => value.apply(resolve)), pulumi.isSecret(value)]);
            return [key, { value: plain, secret }] as const;
        }),
    );
    return Object.fromEntries(entries);
}

/** Each output is secret exactly when the schema marks it secret, so other languages' SDKs promise what construct gives. */
function assertSecretAsTheSchemaSays(token: string, state: Record<string, { secret: boolean }>): void {
    const properties = schema.resources[token].properties ?? {};
    const secretness = (secret: (key: string) => boolean) => Object.fromEntries(Object.keys(state).map((key) => [key, secret(key)]));
    assert.deepStrictEqual(
        secretness((key) => state[key].secret),
        secretness((key) => properties[key]?.secret === true),
        `${token} outputs that are secret`,
    );
}

/** Constructs a component through the provider plugin, as a program in another language would. */
async function construct(mocks: MockRecorder, type: string, name: string, inputs: pulumi.Inputs) {
    const result = await pluginProvider().construct(name, type, inputs, {});
    const state = await resolved(result.state ?? {});
    await mocks.settled();
    return { urn: await new Promise((resolve) => pulumi.output(result.urn).apply(resolve)), state };
}

describe("construct returns the Azure components' outputs the schema lists (Pulumi mocks, no Azure)", () => {
    let mocks: MockRecorder;

    beforeEach(async () => {
        mocks = await installMocks();
    });

    it("ContainerRegistry: the registry's name, id, login server, resource group and mode", async () => {
        const token = "acr-helm:registry:ContainerRegistry";
        const { urn, state } = await construct(mocks, token, "acr", {
            resourceGroupName: fromAnotherResource("rg-acr"),
            registryName: "acrhelmtest",
        });
        assert.match(String(urn), /::acr-helm:registry:ContainerRegistry::acr$/);
        assert.deepStrictEqual(Object.keys(state).sort(), Object.keys(schema.resources[token].properties ?? {}).sort());
        assert.deepStrictEqual(state, {
            registryName: { value: "acrhelmtest", secret: false },
            registryId: { value: registryId, secret: false },
            loginServer: { value: "acrhelmtest.azurecr.io", secret: false },
            resourceGroupName: { value: "rg-acr", secret: false },
            roleAssignmentMode: { value: "AbacRepositoryPermissions", secret: false },
        });
        assertSecretAsTheSchemaSays(token, state);
    });

    it("AcrPushPrincipal: the client id and tenant, and the client secret still secret", async () => {
        const { state } = await construct(mocks, "acr-helm:principal:AcrPushPrincipal", "ci", {
            registryId: fromAnotherResource(registryId),
        });
        assert.deepStrictEqual(Object.keys(state).sort(), ["clientId", "clientSecret", "servicePrincipalObjectId", "tenantId"]);
        assertSecretAsTheSchemaSays("acr-helm:principal:AcrPushPrincipal", state);
        assert.deepStrictEqual(state.clientSecret, { value: mockPassword("ci-password"), secret: true });
        assert.deepStrictEqual(state.tenantId, { value: mockTenantId, secret: false });
        assert.match(String(state.clientId.value), /^[0-9a-f-]{36}$/);
    });

    it("AksCluster: the kubeconfig still secret, the kubelet identity and the Kubernetes provider", async () => {
        const { state } = await construct(mocks, "acr-helm:cluster:AksCluster", "aks", {
            resourceGroupName: fromAnotherResource("rg-aks"),
            clusterName: "aks-test",
        });
        assert.deepStrictEqual(Object.keys(state).sort(), ["clusterName", "kubeconfig", "kubeletObjectId", "oidcIssuerUrl", "provider"]);
        assertSecretAsTheSchemaSays("acr-helm:cluster:AksCluster", state);
        assert.deepStrictEqual(state.clusterName, { value: "aks-test", secret: false });
        assert.deepStrictEqual(state.kubeconfig, { value: mockKubeconfig("aks-test"), secret: true });
        assert.deepStrictEqual(state.kubeletObjectId, { value: mockKubeletObjectId("aks-test"), secret: false });
        assert.ok(pulumi.ProviderResource.isInstance(state.provider.value), "provider is the cluster's Kubernetes provider resource");
    });

    it("AcrHelmPlatform: every output the schema lists, the kubeconfig and the push secret still secret", async function () {
        this.timeout(60000);
        const token = "acr-helm:platform:AcrHelmPlatform";
        // The platform's release needs a Helm status and its chart download a path: the platform's own mocks.
        const platformMocks = new PlatformRecorder(false);
        await pulumi.runtime.setMocks(platformMocks, "acr-helm", "test", false);
        const { urn, state } = await construct(platformMocks, token, "demo", { registry: { registryName: "acrhelmdemo01" } });
        assert.match(String(urn), /::acr-helm:platform:AcrHelmPlatform::demo$/);
        assert.deepStrictEqual(Object.keys(state).sort(), Object.keys(schema.resources[token].properties ?? {}).sort());
        const clusterName = String(state.clusterName.value);
        assert.deepStrictEqual(state.kubeconfig, { value: mockKubeconfig(clusterName), secret: true });
        assert.deepStrictEqual(state.pushClientSecret, { value: mockPassword("demo-push-password"), secret: true });
        assert.strictEqual(state.releaseStatus.value, "deployed");
        assertSecretAsTheSchemaSays(token, state);
    });
});
