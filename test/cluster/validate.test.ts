import * as assert from "assert";
import { AksClusterArgs, validateAksClusterArgs } from "../../components/cluster";

const base: AksClusterArgs = { resourceGroupName: "rg" };

function rejects(overrides: Partial<AksClusterArgs>, property: string, message: string): void {
    assert.throws(
        () => validateAksClusterArgs({ ...base, ...overrides }),
        (err: unknown) => {
            assert.ok(err instanceof Error);
            assert.strictEqual(err.name, "ValidationError");
            assert.strictEqual((err as { property?: string }).property, property);
            assert.strictEqual(err.message, message);
            return true;
        },
    );
}

describe("validateAksClusterArgs", () => {
    it("accepts the required inputs alone and a full node pool", () => {
        assert.doesNotThrow(() => validateAksClusterArgs(base));
        assert.doesNotThrow(() =>
            validateAksClusterArgs({
                ...base,
                kubernetesVersion: "1.33.2",
                systemNodePool: { name: "sys1", count: 2, minCount: 1, maxCount: 3 },
            }),
        );
    });

    it("rejects an invalid cluster name", () => {
        rejects(
            { clusterName: "-aks" },
            "clusterName",
            "clusterName must be 1-63 letters, digits, hyphens or underscores, starting and ending with a letter or digit (got '-aks')",
        );
    });

    it("rejects an invalid DNS prefix", () => {
        rejects(
            { dnsPrefix: "acr_helm" },
            "dnsPrefix",
            "dnsPrefix must be 1-54 letters, digits or hyphens, starting and ending with a letter or digit (got 'acr_helm')",
        );
    });

    it("rejects a malformed Kubernetes version", () => {
        rejects(
            { kubernetesVersion: "v1.33" },
            "kubernetesVersion",
            "kubernetesVersion must look like '1.33' or '1.33.2' (got 'v1.33'); omit it to use the AKS default",
        );
    });

    it("rejects an invalid node pool name", () => {
        rejects(
            { systemNodePool: { name: "System-Pool" } },
            "systemNodePool.name",
            "systemNodePool.name must be 1-12 lowercase letters and digits starting with a letter (got 'System-Pool')",
        );
    });

    it("rejects an empty VM size", () => {
        rejects(
            { systemNodePool: { vmSize: " " } },
            "systemNodePool.vmSize",
            "systemNodePool.vmSize must not be empty; omit it for Standard_D2s_v5",
        );
    });

    for (const key of ["count", "minCount", "maxCount"] as const) {
        it(`rejects a ${key} outside 1-1000`, () => {
            const pool = { minCount: 1, maxCount: 5, [key]: 0 };
            rejects(
                { systemNodePool: pool },
                `systemNodePool.${key}`,
                `systemNodePool.${key} must be a whole number from 1 to 1000 (got 0)`,
            );
        });
    }

    it("rejects only one autoscaling bound", () => {
        rejects(
            { systemNodePool: { minCount: 1 } },
            "systemNodePool.maxCount",
            "autoscaling needs both systemNodePool.minCount and systemNodePool.maxCount; set systemNodePool.maxCount too",
        );
        rejects(
            { systemNodePool: { maxCount: 3 } },
            "systemNodePool.minCount",
            "autoscaling needs both systemNodePool.minCount and systemNodePool.maxCount; set systemNodePool.minCount too",
        );
    });

    it("rejects a count outside the autoscaling bounds", () => {
        rejects(
            { systemNodePool: { count: 6, minCount: 1, maxCount: 5 } },
            "systemNodePool.count",
            "systemNodePool.count (6) must lie between minCount (1) and maxCount (5) when autoscaling",
        );
    });
});
