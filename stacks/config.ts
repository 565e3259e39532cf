import * as pulumi from "@pulumi/pulumi";
import { RegistrySku } from "../components/registry";

/** Every setting the stack program uses, after defaults are applied. */
export interface StackConfig {
    /** Stack name, used in display names and tags. */
    readonly stack: string;
    /** `azure-native:location`. Default: `westeurope`. */
    readonly location: string;
    /** `resourceGroupName`: an existing resource group to deploy into. Default: a new group `acr-helm-rg` plus a random suffix. */
    readonly resourceGroupName?: string;
    /** `registryName`: globally unique, 5-50 letters and digits. Required. */
    readonly registryName: string;
    /** `registrySku`. Default: `Standard`. */
    readonly registrySku: RegistrySku;
    /** `geoReplications`: locations to replicate the registry to (Premium). Default: none. */
    readonly geoReplications: string[];
    /** `zoneRedundancy` of the registry (Premium). Default: `false`. */
    readonly zoneRedundancy: boolean;
    /** `untaggedRetentionDays` (Premium). Default: untagged manifests are kept. */
    readonly untaggedRetentionDays?: number;
    /** `kubernetesVersion`. Default: the AKS default of the region. */
    readonly kubernetesVersion?: string;
    /** `nodeVmSize` of the system node pool. Default: `Standard_D2s_v5`. */
    readonly nodeVmSize: string;
    /** `nodeCount`. Default: `nodeMinCount` when autoscaling, else 1. */
    readonly nodeCount?: number;
    /** `nodeMinCount`; autoscaling is on when both bounds are set. Default: autoscaling off. */
    readonly nodeMinCount?: number;
    /** `nodeMaxCount`. Default: autoscaling off. */
    readonly nodeMaxCount?: number;
    /** `pushPasswordRotationDays`: the push principal's password is replaced every this many days. Default: 90. */
    readonly pushPasswordRotationDays: number;
    /** `chartPath`: chart directory or .tgz, relative to the project directory. Default: the package's demo chart `charts/hello-acr`. */
    readonly chartPath?: string;
    /** `chartRepository`: namespace in the registry the chart is published under. Default: `helm`. */
    readonly chartRepository: string;
    /** `releaseName` of the chart's Helm release. Default: `acr-helm-demo-1`. */
    readonly releaseName: string;
    /** `releaseNamespace` the chart is installed into. Default: `acr-helm-demo`. */
    readonly releaseNamespace: string;
    /** `chartValues` passed to the release. Default: `{}` (the chart's own defaults). */
    readonly chartValues: Record<string, unknown>;
    /** `imageFromRegistry`: pull the chart's image from the stack's registry (sets `image.registry`). Default: `false`. */
    readonly imageFromRegistry: boolean;
    /** `tags` added to every Azure resource, merged over `{ project: "acr-helm", stack: <stack> }`. */
    readonly tags: Record<string, string>;
}

/** Reads the stack's configuration; every key and its default is here. */
export function readStackConfig(): StackConfig {
    const config = new pulumi.Config();
    const azure = new pulumi.Config("azure-native");
    const stack = pulumi.getStack();
    return {
        stack,
        location: azure.get("location") ?? "westeurope",
        resourceGroupName: config.get("resourceGroupName"),
        registryName: config.require("registryName"),
        registrySku: config.get<RegistrySku>("registrySku", { allowedValues: ["Basic", "Standard", "Premium"] }) ?? "Standard",
        geoReplications: config.getObject<string[]>("geoReplications") ?? [],
        zoneRedundancy: config.getBoolean("zoneRedundancy") ?? false,
        untaggedRetentionDays: config.getNumber("untaggedRetentionDays"),
        kubernetesVersion: config.get("kubernetesVersion"),
        nodeVmSize: config.get("nodeVmSize") ?? "Standard_D2s_v5",
        nodeCount: config.getNumber("nodeCount"),
        nodeMinCount: config.getNumber("nodeMinCount"),
        nodeMaxCount: config.getNumber("nodeMaxCount"),
        pushPasswordRotationDays: config.getNumber("pushPasswordRotationDays") ?? 90,
        chartPath: config.get("chartPath"),
        chartRepository: config.get("chartRepository") ?? "helm",
        releaseName: config.get("releaseName") ?? "acr-helm-demo-1",
        releaseNamespace: config.get("releaseNamespace") ?? "acr-helm-demo",
        chartValues: config.getObject<Record<string, unknown>>("chartValues") ?? {},
        imageFromRegistry: config.getBoolean("imageFromRegistry") ?? false,
        tags: { project: "acr-helm", stack, ...config.getObject<Record<string, string>>("tags") },
    };
}
