import * as assert from "assert";
import { ensureBlob } from "../../../chart/distribution/blobUpload";
import { RegistryClient } from "../../../chart/distribution/client";
import { sha256Digest } from "../../../chart/distribution/digest";
import { OciError } from "../../../chart/distribution/errors";
import { answer, basicChallenge, ScriptedRegistry } from "../../support/scriptedRegistry";
import { assertNoSecrets } from "../oci/secrets";

const PASSWORD = "upload-Secret-pa55";
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString("base64");

describe("a blob upload Location that leaves the registry is refused before anything is sent there", function () {
    this.timeout(30_000);
    let registry: ScriptedRegistry;
    let elsewhere: ScriptedRegistry;

    before(async () => {
        registry = await new ScriptedRegistry().start();
        elsewhere = await new ScriptedRegistry().start(registry);
    });
    after(async () => {
        await registry?.stop();
        await elsewhere?.stop();
    });
    beforeEach(() => {
        registry.requests.length = 0;
        elsewhere.requests.length = 0;
    });

    /** The registry starts every upload session with `location`; returns the error of a small blob's upload. */
    async function uploadWithLocation(location: () => string, plainHttp: boolean): Promise<OciError> {
        registry.handle = (req, res) => {
            if (basicChallenge(req, res)) return;
            answer(res, req.method === "POST" ? 202 : 500, req.method === "POST" ? { location: location() } : {});
        };
        const client = new RegistryClient({
            registry: registry.host,
            plainHttp,
            caCert: plainHttp ? undefined : registry.caCertPem,
            credentials: { username: "admin", password: PASSWORD },
            retry: { maxAttempts: 1 },
        });
        const data = Buffer.from("small config");
        try {
            await ensureBlob(
                client,
                "charts/x",
                { mediaType: "application/octet-stream", digest: sha256Digest(data), size: data.length },
                data,
            );
        } catch (error) {
            assertNoSecrets(error, [PASSWORD, BASIC]);
            return error as OciError;
        } finally {
            client.close();
        }
        assert.fail("the upload succeeded");
    }

    function assertRefused(error: OciError, origin: string): void {
        assert.strictEqual(error.code, "LOCATION_INVALID", error.message);
        assert.ok(error.message.includes(origin), error.message);
    }

    it("https registry, Location on another host: refused, and the other host receives no request at all", async () => {
        const error = await uploadWithLocation(() => `https://${elsewhere.host}/v2/charts/x/blobs/uploads/u1`, false);
        assert.deepStrictEqual(elsewhere.requests, []);
        assertRefused(error, `https://${elsewhere.host}`);
        assert.ok(
            registry.requests.some((r) => r.authorization === `Basic ${BASIC}`),
            "the registry itself did get the credentials",
        );
    });

    it("https registry, Location on the same host over http: refused, and nothing is sent over http", async () => {
        const error = await uploadWithLocation(() => `http://${registry.host}/v2/charts/x/blobs/uploads/u2`, false);
        assert.deepStrictEqual(
            registry.requests.filter((r) => r.protocol === "http"),
            [],
        );
        assertRefused(error, `http://${registry.host}`);
    });

    it("http registry, Location on another host: refused, and the other host receives no request at all", async () => {
        const error = await uploadWithLocation(() => `http://${elsewhere.host}/v2/charts/x/blobs/uploads/u3`, true);
        assert.deepStrictEqual(elsewhere.requests, []);
        assertRefused(error, `http://${elsewhere.host}`);
    });
});
