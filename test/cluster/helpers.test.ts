import * as assert from "assert";
import { kubeletObjectIdOf } from "../../components/cluster/identity";
import { decodeUserKubeconfig } from "../../components/cluster/kubeconfig";
import { defaultDnsPrefix, systemAgentPoolProfile } from "../../components/cluster/nodePool";

describe("cluster helpers", () => {
    describe("systemAgentPoolProfile", () => {
        it("defaults to one Standard_D2s_v5 Linux system node", () => {
            assert.deepStrictEqual(systemAgentPoolProfile(), {
                name: "system",
                mode: "System",
                osType: "Linux",
                vmSize: "Standard_D2s_v5",
                count: 1,
                enableAutoScaling: false,
            });
        });
        it("enables autoscaling with both bounds and starts at the lower one", () => {
            assert.deepStrictEqual(systemAgentPoolProfile({ minCount: 2, maxCount: 4 }), {
                name: "system",
                mode: "System",
                osType: "Linux",
                vmSize: "Standard_D2s_v5",
                count: 2,
                enableAutoScaling: true,
                minCount: 2,
                maxCount: 4,
            });
        });
    });

    describe("defaultDnsPrefix", () => {
        it("keeps letters, digits and inner hyphens", () => {
            assert.strictEqual(defaultDnsPrefix("acr-helm.dev_1"), "acr-helmdev1");
            assert.strictEqual(defaultDnsPrefix("-x-"), "x");
            assert.strictEqual(defaultDnsPrefix("..."), "aks");
            assert.strictEqual(defaultDnsPrefix("a".repeat(60)).length, 54);
        });
    });

    describe("decodeUserKubeconfig", () => {
        it("decodes the first credential", () => {
            const value = Buffer.from("apiVersion: v1\nkind: Config\n").toString("base64");
            assert.strictEqual(decodeUserKubeconfig("aks", [{ name: "clusterUser", value }]), "apiVersion: v1\nkind: Config\n");
        });
        it("names the cluster when AKS returns no credentials", () => {
            assert.throws(() => decodeUserKubeconfig("aks-dev", []), {
                message: "AKS returned no user credentials for cluster 'aks-dev'; check that the cluster finished provisioning",
            });
        });
    });

    describe("kubeletObjectIdOf", () => {
        it("reads the kubelet identity's object id", () => {
            assert.strictEqual(kubeletObjectIdOf("aks", { kubeletidentity: { objectId: "1234" } }), "1234");
        });
        it("explains a missing kubelet identity", () => {
            assert.throws(() => kubeletObjectIdOf("aks", {}), /managed cluster 'aks' reports no kubelet identity/);
        });
    });
});
