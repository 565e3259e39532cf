import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { sha256Digest } from "../../../chart/distribution/digest";
import { OciError } from "../../../chart/distribution/errors";
import { getManifest } from "../../../chart/distribution/manifestRequests";
import { answer, ScriptedRegistry } from "../../support/scriptedRegistry";

const MANIFEST = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [] }));
const OTHER = Buffer.from(JSON.stringify({ schemaVersion: 2, layers: [], annotations: { swapped: "yes" } }));

describe("manifest bytes are checked against Docker-Content-Digest and against the digest asked for", function () {
    this.timeout(30_000);
    let registry: ScriptedRegistry;
    let client: RegistryClient;

    before(async () => {
        registry = await new ScriptedRegistry().start();
        client = new RegistryClient({ registry: registry.host, plainHttp: true, retry: { maxAttempts: 1 } });
    });
    after(async () => {
        client?.close();
        await registry?.stop();
    });

    /** The registry answers every manifest GET with `body`, claiming `claimed` (no header when undefined). */
    function serve(body: Buffer, claimed: string | undefined): void {
        registry.handle = (_req, res) => {
            const headers: Record<string, string> = { "content-type": "application/vnd.oci.image.manifest.v1+json" };
            if (claimed) headers["docker-content-digest"] = claimed;
            answer(res, 200, headers, body.toString());
        };
    }

    const get = (reference: string) => getManifest({ client, operation: "pull", repository: "charts/x", reference, actions: ["pull"] });

    async function mismatch(reference: string, got: Buffer): Promise<void> {
        await assert.rejects(get(reference), (error: OciError) => {
            assert.strictEqual(error.code, "DIGEST_INVALID", error.message);
            assert.match(error.message, /manifest digest mismatch/);
            assert.ok(error.message.includes(sha256Digest(got)), error.message);
            return true;
        });
    }

    it("matching bytes are returned with their digest", async () => {
        serve(MANIFEST, sha256Digest(MANIFEST));
        const got = await get(sha256Digest(MANIFEST));
        assert.ok(got?.bytes.equals(MANIFEST));
        assert.strictEqual(got?.digest, sha256Digest(MANIFEST));
    });

    it("by tag: bytes that do not match the registry's own Docker-Content-Digest are refused", async () => {
        serve(OTHER, sha256Digest(MANIFEST));
        await mismatch("1.0.0", OTHER);
    });

    it("by digest: bytes that do not match the digest asked for are refused, even with no digest header", async () => {
        serve(OTHER, undefined);
        await mismatch(sha256Digest(MANIFEST), OTHER);
    });

    it("by digest: bytes that do not match the digest asked for are refused, even when the header vouches for them", async () => {
        serve(OTHER, sha256Digest(OTHER));
        await mismatch(sha256Digest(MANIFEST), OTHER);
    });
});
