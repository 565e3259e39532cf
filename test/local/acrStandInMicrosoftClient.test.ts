import * as assert from "assert";
import { ContainerRegistryClient, ContainerRegistryContentClient, KnownManifestMediaType } from "@azure/container-registry";
import { AcrStandIn, startAcrStandIn } from "../../scripts/local/acrRegistry";
import { IssuerUser } from "../../scripts/local/tokenIssuer";
import { entraCredential, trustingOptions } from "../support/azureClientOptions";

const WRITER_OID = "7d1e2f30-4152-6374-8596-a7b8c9d0e1f2";
const READER_OID = "1a2b3c4d-5e6f-7081-92a3-b4c5d6e7f809";
const users: Record<string, IssuerUser> = {
    writer: { password: "writer-Secret-pa55", actions: ["pull", "push", "delete", "catalog", "metadata_read", "metadata_write"] },
    // Reads team-a only (an ABAC condition on the repository name); may list the catalog.
    "team-a-reader": { password: "reader-Secret-pa55", actions: ["pull", "catalog", "metadata_read"], repositories: ["team-a"] },
};

describe("the local ACR stand-in, held to Microsoft's @azure/container-registry client", function () {
    this.timeout(60_000);
    let acr: AcrStandIn;
    let endpoint: string;
    const scopesAsked: string[][] = [];

    before(async () => {
        acr = await startAcrStandIn({ users, aadPrincipals: { [WRITER_OID]: "writer", [READER_OID]: "team-a-reader" } });
        endpoint = `https://${acr.host}`;
    });
    after(async () => {
        await acr?.stop();
    });

    const writer = () => entraCredential(acr.issuer, WRITER_OID, scopesAsked);
    const content = (repository: string) =>
        new ContainerRegistryContentClient(endpoint, repository, writer(), trustingOptions(acr.caCertPem));
    const registryClient = (oid = WRITER_OID) =>
        new ContainerRegistryClient(endpoint, entraCredential(acr.issuer, oid, scopesAsked), trustingOptions(acr.caCertPem));

    async function uploadArtifact(repository: string, tag: string): Promise<string> {
        const client = content(repository);
        const config = await client.uploadBlob(Buffer.from("{}"));
        const layer = await client.uploadBlob(Buffer.from(`layer of ${repository}`));
        const manifest = {
            schemaVersion: 2,
            mediaType: KnownManifestMediaType.OciImageManifest,
            config: { mediaType: "application/vnd.oci.image.config.v1+json", digest: config.digest, size: config.sizeInBytes },
            layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar", digest: layer.digest, size: layer.sizeInBytes }],
        };
        return (await client.setManifest(manifest, { tag })).digest;
    }

    it("uploads blobs and a manifest, and downloads the manifest by tag with the same digest and content", async () => {
        const digest = await uploadArtifact("team-a/app", "1.0.0");
        const fetched = await content("team-a/app").getManifest("1.0.0");
        assert.strictEqual(fetched.digest, digest);
        assert.strictEqual((fetched.manifest as { schemaVersion?: number }).schemaVersion, 2);
        assert.ok(
            scopesAsked.every((scopes) => scopes.join() === "https://containerregistry.azure.net/.default"),
            JSON.stringify(scopesAsked),
        );
        assert.ok(
            acr.issuer.requests.some((request) => request.path === "/oauth2/exchange"),
            "the Entra token was never exchanged",
        );
    });

    it("lists repositories through /acr/v1/_catalog", async () => {
        await uploadArtifact("team-b/app", "2.0.0");
        const names: string[] = [];
        for await (const name of registryClient().listRepositoryNames()) names.push(name);
        assert.deepStrictEqual(names.sort(), ["team-a/app", "team-b/app"]);
    });

    it("reads and updates tag and manifest properties; a write-disabled tag refuses a new manifest with 405", async () => {
        const digest = await uploadArtifact("team-a/locked", "1.0.0");
        const artifact = registryClient().getArtifact("team-a/locked", "1.0.0");
        const tag = await artifact.getTagProperties("1.0.0");
        assert.strictEqual(tag.digest, digest);
        assert.strictEqual(tag.canWrite, true);
        const updated = await artifact.updateTagProperties("1.0.0", { canWrite: false });
        assert.strictEqual(updated.canWrite, false);
        assert.strictEqual((await artifact.getTagProperties("1.0.0")).canWrite, false);
        const manifest = await artifact.updateManifestProperties({ canDelete: false });
        assert.deepStrictEqual([manifest.digest, manifest.tags, manifest.canDelete], [digest, ["1.0.0"], false]);
        await assert.rejects(uploadArtifact("team-a/locked", "1.0.0"), (error: { statusCode?: number; code?: string }) => {
            assert.strictEqual(error.statusCode, 405);
            return true;
        });
        await assert.rejects(artifact.delete(), (error: { statusCode?: number }) => error.statusCode === 405);
    });

    it("an identity scoped to team-a reads team-a's tags and is refused team-b's", async () => {
        const reader = registryClient(READER_OID);
        assert.strictEqual((await reader.getArtifact("team-a/app", "1.0.0").getTagProperties("1.0.0")).name, "1.0.0");
        await assert.rejects(reader.getArtifact("team-b/app", "2.0.0").getTagProperties("2.0.0"), (error: { statusCode?: number }) => {
            assert.strictEqual(error.statusCode, 401);
            return true;
        });
    });

    it("deletes a manifest through the content client", async () => {
        const digest = await uploadArtifact("team-b/gone", "1.0.0");
        await content("team-b/gone").deleteManifest(digest);
        await assert.rejects(content("team-b/gone").getManifest(digest), (error: { statusCode?: number }) => error.statusCode === 404);
    });
});
