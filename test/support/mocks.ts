import * as crypto from "crypto";
import * as pulumi from "@pulumi/pulumi";
import { mockChartArtifact, mockChartDownload } from "./chartMocks";
import type { PropertyMap } from "./propertyMap";

export type { PropertyMap } from "./propertyMap";

export { isUnknown, mockChartDownload, mockChartPath } from "./chartMocks";

/** Ids the mocked Azure client config reports. */
export const mockSubscriptionId = "00000000-0000-0000-0000-00000000a11c";
export const mockTenantId = "00000000-0000-0000-0000-0000000e7a27";
export const mockClientObjectId = "00000000-0000-0000-0000-00000000c0de";

/** One `newResource` call as the engine would have made it. */
export interface RecordedResource {
    type: string;
    name: string;
    /** Inputs exactly as the component sent them, with secret values unwrapped. */
    inputs: PropertyMap;
    /** Dotted paths of the inputs that were sent as secrets, e.g. `serviceUri`. */
    secretPaths: string[];
    id: string;
    /** False for component resources. */
    custom: boolean;
}

/** One provider function call. */
export interface RecordedCall {
    token: string;
    inputs: PropertyMap;
}

const secretSigKey = "4dabf18193072939515e22adb298388d";
const secretSig = "1b47061264138c4ac30d75fd1eb44270";

/** Replaces the engine's secret wrappers by their values, collecting where they were. */
export function unwrapSecrets(value: unknown, path: string, secretPaths: string[]): unknown {
    if (Array.isArray(value)) return value.map((item, i) => unwrapSecrets(item, `${path}[${i}]`, secretPaths));
    if (value === null || typeof value !== "object") return value;
    const record = value as Record<string, unknown>;
    if (record[secretSigKey] === secretSig) {
        secretPaths.push(path);
        return unwrapSecrets(record.value, path, []);
    }
    const plain: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) plain[key] = unwrapSecrets(item, path ? `${path}.${key}` : key, secretPaths);
    return plain;
}

type StateBuilder = (name: string, inputs: PropertyMap) => { id: string; state: PropertyMap };

/** Deterministic GUID derived from a seed, so ids are stable across runs. */
export function mockGuid(seed: string): string {
    const hex = crypto.createHash("sha256").update(seed).digest("hex");
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Kubeconfig the mocked AKS returns for a cluster. */
export function mockKubeconfig(clusterName: string): string {
    return [
        "apiVersion: v1",
        "kind: Config",
        `clusters:\n- name: ${clusterName}\n  cluster:\n    server: https://${clusterName}-dns.hcp.westeurope.azmk8s.io:443`,
        `users:\n- name: clusterUser_${clusterName}\n  user:\n    token: mock-token-${clusterName}`,
        `contexts:\n- name: ${clusterName}\n  context:\n    cluster: ${clusterName}\n    user: clusterUser_${clusterName}`,
        `current-context: ${clusterName}`,
        "",
    ].join("\n");
}

function resourceGroupScope(inputs: PropertyMap): string {
    return `/subscriptions/${mockSubscriptionId}/resourceGroups/${inputs.resourceGroupName}`;
}

const registryProviders = "providers/Microsoft.ContainerRegistry/registries";

const stateBuilders: Record<string, StateBuilder> = {
    "azure-native:resources:ResourceGroup": (name, inputs) => {
        const rgName = inputs.resourceGroupName ?? `${name}-rg0001`;
        return { id: `/subscriptions/${mockSubscriptionId}/resourceGroups/${rgName}`, state: { name: rgName } };
    },
    "azure-native:containerregistry/v20251101:Registry": (name, inputs) => {
        const registryName = inputs.registryName ?? name;
        return {
            id: `${resourceGroupScope(inputs)}/${registryProviders}/${registryName}`,
            state: {
                name: registryName,
                loginServer: `${registryName.toLowerCase()}.azurecr.io`,
                location: inputs.location ?? "westeurope",
            },
        };
    },
    "azure-native:containerregistry:Replication": (name, inputs) => ({
        id: `${resourceGroupScope(inputs)}/${registryProviders}/${inputs.registryName}/replications/${inputs.replicationName ?? name}`,
        state: { name: inputs.replicationName ?? name },
    }),
    "azure-native:containerregistry:Webhook": (name, inputs) => ({
        id: `${resourceGroupScope(inputs)}/${registryProviders}/${inputs.registryName}/webhooks/${inputs.webhookName ?? name}`,
        state: { name: inputs.webhookName ?? name },
    }),
    "azure-native:monitor:DiagnosticSetting": (name, inputs) => ({
        id: `${inputs.resourceUri}/providers/Microsoft.Insights/diagnosticSettings/${inputs.name ?? name}`,
        state: { name: inputs.name ?? name },
    }),
    "azure-native:containerservice:ManagedCluster": (name, inputs) => {
        const clusterName = inputs.resourceName ?? `${name}0001`;
        return {
            id: `${resourceGroupScope(inputs)}/providers/Microsoft.ContainerService/managedClusters/${clusterName}`,
            state: {
                name: clusterName,
                fqdn: `${inputs.dnsPrefix}.hcp.westeurope.azmk8s.io`,
                identity: { type: "SystemAssigned", principalId: mockGuid(`${clusterName}/identity`), tenantId: mockTenantId },
                identityProfile: {
                    kubeletidentity: {
                        objectId: mockKubeletObjectId(clusterName),
                        clientId: mockGuid(`${clusterName}/kubelet-client`),
                        resourceId: `/subscriptions/${mockSubscriptionId}/resourceGroups/MC_${clusterName}/providers/Microsoft.ManagedIdentity/userAssignedIdentities/${clusterName}-agentpool`,
                    },
                },
                oidcIssuerProfile: {
                    enabled: true,
                    issuerURL: `https://westeurope.oic.prod-aks.azure.com/${mockTenantId}/${mockGuid(clusterName)}/`,
                },
            },
        };
    },
    "azure-native:authorization:RoleAssignment": (name, inputs) => ({
        id: `${inputs.scope}/providers/Microsoft.Authorization/roleAssignments/${mockGuid(name)}`,
        state: { name: mockGuid(name) },
    }),
    "azuread:index/application:Application": (name) => {
        const objectId = mockGuid(`${name}/object`);
        return { id: `/applications/${objectId}`, state: { objectId, clientId: mockGuid(`${name}/client`) } };
    },
    "azuread:index/servicePrincipal:ServicePrincipal": (name) => {
        const objectId = mockGuid(`${name}/sp`);
        return { id: `/servicePrincipals/${objectId}`, state: { objectId, applicationTenantId: mockTenantId } };
    },
    "azuread:index/applicationFederatedIdentityCredential:ApplicationFederatedIdentityCredential": (name, inputs) => {
        const credentialId = mockGuid(`${name}/credential`);
        return { id: `${inputs.applicationId}/federatedIdentityCredential/${credentialId}`, state: { credentialId } };
    },
    "azuread:index/applicationPassword:ApplicationPassword": (name, inputs) => {
        const keyId = mockGuid(`${name}/key`);
        return { id: `${inputs.applicationId}/password/${keyId}`, state: { keyId, value: mockPassword(name) } };
    },
    "acr-helm:index:ChartPublication": (_name, inputs) => mockChartArtifact(inputs),
    "acr-helm:index:ChartDownload": (_name, inputs) => mockChartDownload(inputs),
};

/** Kubelet identity object id the mocked AKS reports for `clusterName`. */
export function mockKubeletObjectId(clusterName: string): string {
    return mockGuid(`${clusterName}/kubelet`);
}

/** Password the mocked Entra ID returns for an ApplicationPassword resource named `name`. */
export function mockPassword(name: string): string {
    return `mock-password-${mockGuid(name)}`;
}

/** Records every resource registration and call, and answers with realistic Azure state. */
export class MockRecorder implements pulumi.runtime.Mocks {
    readonly resources: RecordedResource[] = [];
    readonly calls: RecordedCall[] = [];

    newResource(args: pulumi.runtime.MockResourceArgs): { id: string | undefined; state: PropertyMap } {
        const secretPaths: string[] = [];
        const inputs = unwrapSecrets(args.inputs, "", secretPaths) as PropertyMap;
        const built = stateBuilders[args.type]?.(args.name, inputs) ?? { id: `${args.name}_id`, state: {} };
        const id = args.custom ? built.id : "";
        this.resources.push({ type: args.type, name: args.name, inputs, secretPaths, id, custom: args.custom ?? false });
        return { id: args.custom ? id : undefined, state: { ...inputs, ...built.state } };
    }

    call(args: pulumi.runtime.MockCallArgs): PropertyMap {
        this.calls.push({ token: args.token, inputs: unwrapSecrets(args.inputs, "", []) as PropertyMap });
        switch (args.token) {
            case "azure-native:authorization:getClientConfig":
                return {
                    clientId: mockGuid("client"),
                    objectId: mockClientObjectId,
                    subscriptionId: mockSubscriptionId,
                    tenantId: mockTenantId,
                };
            case "azure-native:containerservice:listManagedClusterUserCredentials":
                return {
                    kubeconfigs: [{ name: "clusterUser", value: Buffer.from(mockKubeconfig(args.inputs.resourceName)).toString("base64") }],
                };
            default:
                throw new Error(`unexpected call ${args.token}`);
        }
    }

    /** Resources of `type`, sorted by name (registration order varies between runs). */
    ofType(type: string): RecordedResource[] {
        return this.resources.filter((r) => r.type === type).sort((a, b) => a.name.localeCompare(b.name));
    }

    /** The single custom resource of `type`; fails when there is not exactly one. */
    one(type: string): RecordedResource {
        const found = this.ofType(type);
        if (found.length !== 1) throw new Error(`expected one ${type}, found ${found.length}`);
        return found[0];
    }

    /**
     * Resolves once no registration or call has arrived for `quietMs`: resource
     * registrations are asynchronous, and children whose inputs wait on other
     * outputs (role assignments) arrive last.
     */
    async settled(quietMs = 100): Promise<void> {
        let seen = -1;
        while (seen !== this.resources.length + this.calls.length) {
            seen = this.resources.length + this.calls.length;
            await new Promise((resolve) => setTimeout(resolve, quietMs));
        }
    }

    /** Number of custom resources per type. */
    countsByType(): Record<string, number> {
        const counts: Record<string, number> = {};
        for (const r of this.resources.filter((res) => res.custom)) counts[r.type] = (counts[r.type] ?? 0) + 1;
        return counts;
    }
}

/** Installs a fresh recorder as the Pulumi mock engine. */
export async function installMocks(stack = "test", project = "acr-helm"): Promise<MockRecorder> {
    const recorder = new MockRecorder();
    await pulumi.runtime.setMocks(recorder, project, stack, false);
    return recorder;
}

/** Resolves an Output's value (use instead of asserting inside `.apply`). */
export function promiseOf<T>(output: pulumi.Output<T>): Promise<T> {
    return new Promise((resolve) => output.apply((value) => resolve(value)));
}
