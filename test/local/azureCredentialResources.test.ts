import * as assert from "assert";
import type { AccessToken, TokenCredential } from "@azure/core-auth";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { azureCredentialSource } from "../../chart/distribution/acr/azureCredential";
import { closeSharedClients } from "../../chart/distribution/connection";
import { resolveTag } from "../../chart/helmOci/manage";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { ChartPublication } from "../../components/publication";
import { create as promote } from "../../provider/resources/promotedChart";
import { check as download } from "../../provider/resources/chartDownload";
import { AcrStandIn, startAcrStandIn } from "../../scripts/local/acrRegistry";
import { IssuerUser } from "../../scripts/local/tokenIssuer";
import { entraCredential } from "../support/azureClientOptions";
import { copyChart, removeCopy } from "../support/chartCopies";
import { installMocks } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { asTheEngineSends, pluginResource } from "../provider/pluginResource";

const DEPLOYER_OID = "708192a3-b4c5-d6e7-f809-1a2b3c4d5e6f";
const users: Record<string, IssuerUser> = {
    deployer: { password: "deployer-Secret-pa55", actions: ["pull", "push", "metadata_read", "metadata_write"] },
};

/*
 * ChartPublication, ChartPromotion's PromotedChart and ChartRelease's ChartDownload, run as the provider plugin
 * runs them, with credentials { kind: "azure" } against the ACR stand-in. The TokenCredential is a fake signing
 * tokens of the stand-in's test tenant; what the resources return is checked for every token it handed out.
 */
describe('resources with credentials { kind: "azure" } against the ACR stand-in', function () {
    this.timeout(120_000);
    let acr: AcrStandIn;
    let chartDir: string;
    let workDir: string;
    const issued: string[] = [];
    const originalCreate = azureCredentialSource.create;

    before(async () => {
        acr = await startAcrStandIn({ users, aadPrincipals: { [DEPLOYER_OID]: "deployer" } });
        azureCredentialSource.create = (): TokenCredential => {
            const inner = entraCredential(acr.issuer, DEPLOYER_OID);
            return {
                getToken: async (scopes): Promise<AccessToken> => {
                    const token = (await inner.getToken(scopes))!;
                    issued.push(token.token);
                    return token;
                },
            };
        };
        chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-azure-resources-"));
    });
    after(async () => {
        azureCredentialSource.create = originalCreate;
        closeSharedClients();
        removeCopy(chartDir);
        fs.rmSync(workDir, { recursive: true, force: true });
        await acr?.stop();
    });

    /** Neither the Entra tokens nor anything the stand-in issued for them appears in what a resource returns. */
    function assertNoToken(value: unknown): void {
        const text = JSON.stringify(value);
        assert.ok(issued.length > 0, "no Entra token was asked for");
        for (const token of issued) assert.ok(!text.includes(token.slice(-40)), "an Entra token is in the resource's state");
        assert.ok(!/eyJ[\w-]{20,}\.[\w-]{20,}/.test(text), "a JWT is in the resource's state");
    }

    it('ChartPublication publishes through the plugin and keeps only { kind: "azure" } in its state', async () => {
        const recorder = await installMocks();
        new ChartPublication("azure", {
            chartPath: chartDir,
            loginServer: acr.host,
            repository: "dev",
            credentials: { kind: "azure" },
            caCert: acr.caCertPem,
            provenance: false,
        });
        await recorder.settled();
        const artifact = recorder.one("acr-helm:index:ChartPublication");
        const provider = pluginResource("acr-helm:index:ChartPublication");
        const checked = await provider.check({}, asTheEngineSends(artifact.inputs, artifact.secretPaths));
        assert.deepStrictEqual(checked.failures ?? [], []);
        const created = await provider.create(checked.inputs);
        assert.strictEqual(created.outs.ref, `oci://${acr.host}/dev/hello-acr`);
        assert.strictEqual(
            await resolveTag({
                registry: acr.host,
                caCert: acr.caCertPem,
                credentials: { kind: "azure" },
                repository: "dev/hello-acr",
                version: "0.1.0",
            }),
            created.outs.digest,
        );
        assertNoToken(created.outs);
        assert.match(JSON.stringify(created.outs.credentials), /"kind":"azure"/);
    });

    it('PromotedChart copies between two repositories with { kind: "azure" } on both ends', async () => {
        const chart = await packageChart(chartDir);
        const pushed = await pushChart({
            registry: acr.host,
            caCert: acr.caCertPem,
            credentials: { kind: "azure" },
            chart,
            repository: "staging/hello-acr",
        });
        const end = (repository: string) => ({ loginServer: acr.host, repository, caCert: acr.caCertPem });
        const result = await promote({
            chart: "hello-acr",
            version: "0.1.0",
            digest: pushed.digest,
            source: end("staging"),
            destination: end("prod"),
            sourceCredentials: { kind: "azure" },
            destinationCredentials: { kind: "azure" },
            deleteFromRegistryOnDestroy: false,
        });
        assert.strictEqual(result.outs.promotedDigest, pushed.digest);
        assertNoToken(result.outs);
    });

    it('ChartDownload pulls and verifies the chart with { kind: "azure" }', async () => {
        const cwd = process.cwd();
        process.chdir(workDir);
        try {
            const result = await download(
                {},
                {
                    chart: `oci://${acr.host}/prod/hello-acr`,
                    version: "0.1.0",
                    credentials: { kind: "azure" },
                    caCert: acr.caCertPem,
                },
            );
            assert.deepStrictEqual(result.failures ?? [], []);
            assert.ok(fs.existsSync(path.join(workDir, String(result.inputs.path))));
            assertNoToken(result.inputs);
        } finally {
            process.chdir(cwd);
        }
    });
});
