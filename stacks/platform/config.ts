import * as pulumi from "@pulumi/pulumi";
import type { RegistrySku } from "../../components/registry";

/** Where the platform runs: Azure, or local stand-ins for ACR and AKS. */
export type PlatformTarget = "azure" | "local";

/** The Azure environment: a new registry, cluster and push identity. */
export interface AzurePlatformConfig {
    readonly target: "azure";
    /** `azure-native:location`. Default: `westeurope`. */
    readonly location: string;
    /** `resourceGroupName`: an existing group to deploy into. Default: a new group. */
    readonly resourceGroupName?: string;
    /** `registryName`: globally unique, 5-50 letters and digits. Required. */
    readonly registryName: string;
    /** `registrySku`. Default: `Standard`. */
    readonly registrySku: RegistrySku;
    /** `kubernetesVersion`. Default: the AKS default of the region. */
    readonly kubernetesVersion?: string;
    /** `nodeVmSize` of the system node pool. Default: `Standard_D2s_v5`. */
    readonly nodeVmSize: string;
    /** `nodeCount`. Default: 1. */
    readonly nodeCount: number;
    /** `chartNamespaces`: registry namespaces the push identity may write. Default: `["helm"]`. */
    readonly chartNamespaces: string[];
    /** `ciRepository`: GitHub `owner/name` whose main branch may log in as the push identity. Default: none. */
    readonly ciRepository?: string;
    /** `pushPasswordRotationDays`. Default: 90. */
    readonly pushPasswordRotationDays: number;
    /** `tags` on every Azure resource, over `{ project: "acr-helm", stack: <stack> }`. */
    readonly tags: Record<string, string>;
}

/** Local stand-ins, handed over as they are: a registry with a private CA and a cluster's kubeconfig. */
export interface LocalPlatformConfig {
    readonly target: "local";
    /** `registry`: `host:port` of the local registry. Required. */
    readonly loginServer: string;
    /** `registryCaCert`: PEM of the CA that signed the registry's certificate. Required. */
    readonly registryCaCert: string;
    /** `registryUsername`. Required. */
    readonly pushUsername: string;
    /** `registryPassword` (secret config). Required. */
    readonly pushPassword: pulumi.Output<string>;
    /** `kubeconfig` (secret config) of the local API server. Required. */
    readonly kubeconfig: pulumi.Output<string>;
    /** `oidcIssuerUrl` of the local cluster. Default: `""` (none). */
    readonly oidcIssuerUrl: string;
}

export type PlatformConfig = AzurePlatformConfig | LocalPlatformConfig;

/** Reads the platform stack's configuration; every key and its default is here. */
export function readPlatformConfig(): PlatformConfig {
    const config = new pulumi.Config();
    const target = config.get<PlatformTarget>("target", { allowedValues: ["azure", "local"] }) ?? "azure";
    if (target === "local") {
        return {
            target,
            loginServer: config.require("registry"),
            registryCaCert: config.require("registryCaCert"),
            pushUsername: config.require("registryUsername"),
            pushPassword: config.requireSecret("registryPassword"),
            kubeconfig: config.requireSecret("kubeconfig"),
            oidcIssuerUrl: config.get("oidcIssuerUrl") ?? "",
        };
    }
    const stack = pulumi.getStack();
    return {
        target,
        location: new pulumi.Config("azure-native").get("location") ?? "westeurope",
        resourceGroupName: config.get("resourceGroupName"),
        registryName: config.require("registryName"),
        registrySku: config.get<RegistrySku>("registrySku", { allowedValues: ["Basic", "Standard", "Premium"] }) ?? "Standard",
        kubernetesVersion: config.get("kubernetesVersion"),
        nodeVmSize: config.get("nodeVmSize") ?? "Standard_D2s_v5",
        nodeCount: config.getNumber("nodeCount") ?? 1,
        chartNamespaces: config.getObject<string[]>("chartNamespaces") ?? ["helm"],
        ciRepository: config.get("ciRepository"),
        pushPasswordRotationDays: config.getNumber("pushPasswordRotationDays") ?? 90,
        tags: { project: "acr-helm", stack, ...config.getObject<Record<string, string>>("tags") },
    };
}
