import { SystemNodePoolArgs } from "./args";

export const defaultNodePoolName = "system";
export const defaultNodeVmSize = "Standard_D2s_v5";

/** The system agent pool profile after defaults are applied. */
export interface SystemAgentPoolProfile {
    name: string;
    mode: "System";
    osType: "Linux";
    vmSize: string;
    count: number;
    enableAutoScaling: boolean;
    minCount?: number;
    maxCount?: number;
}

/** Applies node pool defaults; autoscaling is on exactly when both bounds are given. */
export function systemAgentPoolProfile(pool: SystemNodePoolArgs = {}): SystemAgentPoolProfile {
    const autoscaling = pool.minCount !== undefined && pool.maxCount !== undefined;
    const profile: SystemAgentPoolProfile = {
        name: pool.name ?? defaultNodePoolName,
        mode: "System",
        osType: "Linux",
        vmSize: pool.vmSize ?? defaultNodeVmSize,
        count: pool.count ?? (autoscaling ? (pool.minCount as number) : 1),
        enableAutoScaling: autoscaling,
    };
    if (autoscaling) {
        profile.minCount = pool.minCount;
        profile.maxCount = pool.maxCount;
    }
    return profile;
}

/** DNS prefix derived from a component name: letters, digits and hyphens, trimmed to 54 characters. */
export function defaultDnsPrefix(componentName: string): string {
    const cleaned = componentName
        .replace(/[^a-zA-Z0-9-]/g, "")
        .replace(/^-+/, "")
        .slice(0, 54)
        .replace(/-+$/, "");
    return cleaned.length > 0 ? cleaned : "aks";
}
