import * as assert from "assert";
import * as path from "path";
import { AcrHelmPlatform, AcrHelmPlatformArgs, validateAcrHelmPlatformArgs } from "../../components/platform";
import { ValidationError } from "../../components/shared";
import { installMocks } from "../support/mocks";
import { repoRoot } from "../support/paths";

const registry = { registryName: "acrhelmvalid01" };

function rejects(args: AcrHelmPlatformArgs, property: string, message: string | RegExp): void {
    assert.throws(
        () => validateAcrHelmPlatformArgs(args),
        (error: unknown) => {
            assert.ok(error instanceof ValidationError, `a ValidationError, got ${error}`);
            assert.strictEqual(error.property, property);
            if (typeof message === "string") assert.strictEqual(error.message, message);
            else assert.match(error.message, message);
            return true;
        },
    );
}

describe("validateAcrHelmPlatformArgs", () => {
    it("accepts the minimal arguments", () => {
        validateAcrHelmPlatformArgs({ registry });
    });

    it("requires the registry settings", () => {
        rejects({} as AcrHelmPlatformArgs, "registry", "registry is required: pass at least { registryName: '<5-50 letters and digits>' }");
    });

    it("names the registry property of a bad registry name and tier combination", () => {
        rejects(
            { registry: { registryName: "acr-helm" } },
            "registry.registryName",
            "registry.registryName must be 5-50 letters and digits, no hyphens or dots (got 'acr-helm')",
        );
        rejects(
            { registry: { ...registry, geoReplications: ["northeurope"] } },
            "registry.geoReplications",
            /^registry\.geoReplications .*Premium/,
        );
    });

    it("names the cluster property of a bad node pool", () => {
        rejects(
            { registry, cluster: { systemNodePool: { minCount: 3, maxCount: 2 } } },
            "cluster.systemNodePool.minCount",
            /^cluster\.systemNodePool\.minCount/,
        );
        rejects(
            { registry, cluster: { kubernetesVersion: "latest" } },
            "cluster.kubernetesVersion",
            /^cluster\.kubernetesVersion must look like '1\.33'/,
        );
    });

    it("names the principal property of conflicting password settings", () => {
        rejects(
            { registry, principal: { passwordRotationDays: 30, passwordEndDate: "2027-01-31T00:00:00Z" } },
            "principal.passwordEndDate",
            "principal.passwordEndDate: set either passwordEndDate or passwordRotationDays, not both; rotation computes the end date itself",
        );
        rejects({ registry, principal: { passwordRotationDays: 0 } }, "principal.passwordRotationDays", /from 1 to 365 \(got 0\)/);
    });

    it("rejects a resource group name Azure would refuse, and a location that is not a region name", () => {
        rejects(
            { registry, resourceGroupName: "rg." },
            "resourceGroupName",
            /must name an existing resource group.*got 'rg\.'.*omit it to create a new group/,
        );
        rejects(
            { registry, location: "West Europe" },
            "location",
            "location must be an Azure region name such as 'westeurope' (got 'West Europe')",
        );
    });

    it("rejects a chart path without a chart and names the resolved path", () => {
        const missing = path.join(repoRoot, "charts", "no-such-chart");
        rejects(
            { registry, chart: { chartPath: missing } },
            "chart.chartPath",
            `chart.chartPath must be a chart directory containing Chart.yaml or a packaged .tgz (got '${missing}', resolved to '${missing}'); omit it to publish the demo chart`,
        );
        rejects(
            { registry, chart: { chartPath: path.join(repoRoot, "charts") } },
            "chart.chartPath",
            /^chart\.chartPath must be a chart directory/,
        );
    });

    it("names chart.namespace for a bad namespace, and refuses it disagreeing with the deprecated chart.repository", () => {
        rejects({ registry, chart: { namespace: "Team A" } }, "chart.namespace", /^chart\.namespace: .*not a valid OCI repository name/);
        rejects({ registry, chart: { namespace: "a", repository: "b" } }, "chart.namespace", /disagree; set only chart\.namespace$/);
        validateAcrHelmPlatformArgs({ registry, chart: { namespace: "team-a", repository: "team-a" } });
    });

    it("rejects a repository that is not a lowercase OCI path", () => {
        rejects({ registry, chart: { repository: "Helm" } }, "chart.repository", /^chart\.repository: .*use lower case \("helm"\)/);
    });

    it("rejects release names and namespaces that are not DNS labels", () => {
        rejects(
            { registry, release: { namespace: "Team_A" } },
            "release.namespace",
            /^release\.namespace must be a DNS label.*got 'Team_A'/,
        );
        rejects(
            { registry, release: { releaseName: "x".repeat(54) } },
            "release.releaseName",
            /^release\.releaseName must be a DNS label of at most 53 characters/,
        );
    });

    it("rejects bad release options", () => {
        rejects(
            { registry, release: { timeout: 1.5 } },
            "release.timeout",
            "release.timeout must be a positive whole number of seconds (got 1.5)",
        );
        rejects(
            { registry, release: { podSecurity: "open" as "baseline" } },
            "release.podSecurity",
            "release.podSecurity must be one of restricted, baseline, privileged (got 'open')",
        );
        rejects(
            { registry, release: { values: [] as unknown as Record<string, unknown> } },
            "release.values",
            /^release\.values must be an object/,
        );
    });

    it("rejects imageFromRegistry together with an explicit image.registry value", () => {
        rejects(
            { registry, release: { imageFromRegistry: true, values: { image: { registry: "docker.io" } } } },
            "release.imageFromRegistry",
            "release.imageFromRegistry sets image.registry to the login server, but release.values.image.registry is also set; keep only one",
        );
    });

    it("reports the failures of every argument group at once, each under its group", () => {
        assert.throws(
            () =>
                validateAcrHelmPlatformArgs({
                    registry: { registryName: "acr-helm" },
                    cluster: { kubernetesVersion: "latest" },
                    release: { timeout: 0 },
                }),
            (error: unknown) => {
                assert.ok(error instanceof ValidationError);
                assert.deepStrictEqual(
                    error.failures.map((failure) => failure.property),
                    ["registry.registryName", "cluster.kubernetesVersion", "release.timeout"],
                );
                assert.match(
                    error.message,
                    /^registry\.registryName must be 5-50 letters.*\ncluster\.kubernetesVersion must look like.*\nrelease\.timeout must be/s,
                );
                return true;
            },
        );
    });

    it("fails before registering anything, so bad input leaves nothing half-built", async () => {
        const mocks = await installMocks();
        assert.throws(() => new AcrHelmPlatform("bad", { registry, release: { namespace: "Bad" } }), /release\.namespace/);
        await mocks.settled(50);
        assert.deepStrictEqual(mocks.resources, []);
    });
});
