import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { readStackConfig } from "../../stacks/config";
import { installMocks } from "../support/mocks";

describe("stack config", () => {
    after(() => pulumi.runtime.setAllConfig({}));

    it("applies every default when only the registry name is set", async () => {
        await installMocks("qa");
        pulumi.runtime.setAllConfig({ "acr-helm:registryName": "acrhelmqa01" });
        assert.deepStrictEqual(readStackConfig(), {
            stack: "qa",
            location: "westeurope",
            resourceGroupName: undefined,
            registryName: "acrhelmqa01",
            registrySku: "Standard",
            geoReplications: [],
            zoneRedundancy: false,
            untaggedRetentionDays: undefined,
            kubernetesVersion: undefined,
            nodeVmSize: "Standard_D2s_v5",
            nodeCount: undefined,
            nodeMinCount: undefined,
            nodeMaxCount: undefined,
            pushPasswordRotationDays: 90,
            chartPath: undefined,
            chartRepository: "helm",
            releaseName: "acr-helm-demo-1",
            releaseNamespace: "acr-helm-demo",
            chartValues: {},
            imageFromRegistry: false,
            tags: { project: "acr-helm", stack: "qa" },
        });
    });

    it("reads the chart and release settings", async () => {
        await installMocks("qa");
        pulumi.runtime.setAllConfig({
            "acr-helm:registryName": "acrhelmqa01",
            "acr-helm:chartPath": "charts/team-a",
            "acr-helm:chartRepository": "charts/team-a",
            "acr-helm:releaseName": "team-a-web",
            "acr-helm:releaseNamespace": "team-a",
            "acr-helm:chartValues": JSON.stringify({ replicaCount: 2, image: { tag: "2.0" } }),
            "acr-helm:imageFromRegistry": "true",
        });
        const config = readStackConfig();
        assert.deepStrictEqual(
            {
                chartPath: config.chartPath,
                chartRepository: config.chartRepository,
                releaseName: config.releaseName,
                releaseNamespace: config.releaseNamespace,
                chartValues: config.chartValues,
                imageFromRegistry: config.imageFromRegistry,
            },
            {
                chartPath: "charts/team-a",
                chartRepository: "charts/team-a",
                releaseName: "team-a-web",
                releaseNamespace: "team-a",
                chartValues: { replicaCount: 2, image: { tag: "2.0" } },
                imageFromRegistry: true,
            },
        );
    });

    it("requires the registry name", async () => {
        await installMocks("qa");
        pulumi.runtime.setAllConfig({});
        assert.throws(() => readStackConfig(), /registryName/);
    });

    it("rejects an unknown sku", async () => {
        await installMocks("qa");
        pulumi.runtime.setAllConfig({ "acr-helm:registryName": "acrhelmqa01", "acr-helm:registrySku": "Gold" });
        assert.throws(
            () => readStackConfig(),
            /'acr-helm:registrySku' value 'Gold' is not a legal enum value \(\["Basic","Standard","Premium"\]\)/,
        );
    });
});
