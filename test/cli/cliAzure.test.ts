import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { RegistryClient } from "../../chart/distribution/client";
import { pushChart } from "../../chart/helmOci/push";
import { AcrStandIn, startAcrStandIn } from "../../scripts/local/acrRegistry";
import { AAD_TEST_TENANT, IssuerUser } from "../../scripts/local/tokenIssuer";
import { signAadToken } from "../../scripts/local/tokenIssuerJwt";
import { makeChart } from "../chart/oci/chartFixtures";
import { acrHelm } from "../support/cliRunner";

const READER_OID = "6071829a-a4b5-c6d7-e8f9-0a1b2c3d4e5f";
const users: Record<string, IssuerUser> = {
    writer: { password: "writer-Secret-pa55", actions: ["pull", "push"] },
    reader: { password: "reader-Secret-pa55", actions: ["pull"] },
};

/**
 * `acr-helm --azure` runs @azure/identity's DefaultAzureCredential unchanged, limited to the Azure CLI credential
 * (AZURE_TOKEN_CREDENTIALS), with an `az` on PATH that answers `az account get-access-token` with an Entra-like
 * token of the stand-in's test tenant. No Azure is reached.
 */
describe("acr-helm --azure: the environment's Azure identity, through DefaultAzureCredential", function () {
    this.timeout(60_000);
    let acr: AcrStandIn;
    let work: string;
    let env: NodeJS.ProcessEnv;

    before(async () => {
        acr = await startAcrStandIn({ users, aadPrincipals: { [READER_OID]: "reader" } });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cli-azure-"));
        const bin = path.join(work, "bin");
        fs.mkdirSync(bin);
        const token = await signAadToken(acr.issuer.aadKeys.privateKey, AAD_TEST_TENANT, READER_OID);
        const answer = JSON.stringify({ accessToken: token, expires_on: Math.floor(Date.now() / 1000) + 3600, tokenType: "Bearer" });
        fs.writeFileSync(path.join(work, "answer.json"), answer);
        fs.writeFileSync(
            path.join(bin, "az"),
            `#!/bin/sh\necho "$@" >> "${path.join(work, "az-calls")}"\ncat "${path.join(work, "answer.json")}"\n`,
            { mode: 0o755 },
        );
        fs.writeFileSync(path.join(work, "ca.pem"), acr.caCertPem);
        env = { PATH: `${bin}:${process.env.PATH}`, AZURE_TOKEN_CREDENTIALS: "AzureCliCredential", HOME: work };
        const writer = new RegistryClient({
            registry: acr.host,
            caCert: acr.caCertPem,
            credentials: { username: "writer", password: users.writer.password },
        });
        try {
            await pushChart({ registry: acr.host, client: writer, chart: await makeChart("hello", "1.2.3"), repository: "charts/hello" });
        } finally {
            writer.close();
        }
    });
    after(async () => {
        if (work) fs.rmSync(work, { recursive: true, force: true });
        await acr?.stop();
    });

    it("tags --azure lists the versions with a token asked from az for the ACR audience", async () => {
        const run = await acrHelm(["tags", `oci://${acr.host}/charts/hello`, "--azure", "--ca-file", path.join(work, "ca.pem")], "", env);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(run.stdout, "1.2.3\n");
        const calls = fs.readFileSync(path.join(work, "az-calls"), "utf8").trim().split("\n");
        assert.deepStrictEqual(calls, ["account get-access-token --output json --resource https://containerregistry.azure.net"]);
        assert.ok(acr.issuer.requests.some((request) => request.path === "/oauth2/exchange"));
    });

    it("--azure with --username is a usage error naming the conflict", async () => {
        const run = await acrHelm(["tags", `oci://${acr.host}/charts/hello`, "--azure", "--username", "writer"], "", env);
        assert.strictEqual(run.code, 2);
        assert.match(run.stderr, /--azure uses the Azure identity of this environment: leave out --username and --password/);
    });

    it("without an identity, --azure fails naming the ways to provide one", async () => {
        fs.rmSync(path.join(work, "bin", "az"));
        const run = await acrHelm(["tags", `oci://${acr.host}/charts/hello`, "--azure", "--ca-file", path.join(work, "ca.pem")], "", env);
        assert.strictEqual(run.code, 1, run.stderr);
        assert.match(run.stderr, /no Azure identity gave an access token for https:\/\/containerregistry\.azure\.net\/\.default/);
        assert.match(run.stderr, /az login/);
    });
});
