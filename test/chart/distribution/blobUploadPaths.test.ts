import * as assert from "assert";
import { randomBytes } from "crypto";
import { ensureBlob, UPLOAD_WITHOUT_ASKING_BYTES } from "../../../chart/distribution/blobUpload";
import { RegistryClient } from "../../../chart/distribution/client";
import { sha256Digest } from "../../../chart/distribution/digest";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";

const blobOf = (bytes: number) => {
    const data = randomBytes(bytes);
    return { data, descriptor: { mediaType: "application/octet-stream", digest: sha256Digest(data), size: data.length } };
};

describe("blob uploads: blobs over 256 KiB are asked about first, smaller ones are sent without asking (real docker-registry)", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let counter: RequestCounter;
    let client: RegistryClient;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        counter = await RequestCounter.start({ registryHost: registry.host });
        client = new RegistryClient({
            registry: counter.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });
        await client.send({ operation: "list", repository: "blobs/warm", actions: ["pull"], method: "GET", path: "/v2/" });
    });
    after(async () => {
        client?.close();
        await counter?.stop();
        await registry?.stop();
    });

    /** Runs ensureBlob twice (new, then already present) and returns what reached the registry each time. */
    async function uploadTwice(bytes: number, repository: string) {
        const { data, descriptor } = blobOf(bytes);
        const mark = await counter.mark();
        assert.strictEqual(await ensureBlob(client, repository, descriptor, data), true);
        const first = countKinds(await counter.since(mark));
        const again = await counter.mark();
        const uploadedAgain = await ensureBlob(client, repository, descriptor, data);
        return { first, second: countKinds(await counter.since(again)), uploadedAgain };
    }

    it("a blob of exactly 256 KiB: no HEAD, and one present already is sent again", async () => {
        const { first, second, uploadedAgain } = await uploadTwice(UPLOAD_WITHOUT_ASKING_BYTES, "blobs/small");
        assert.deepStrictEqual(first, { "blob POST": 1, "blob PUT": 1 });
        assert.strictEqual(uploadedAgain, true);
        assert.deepStrictEqual(second, { "blob POST": 1, "blob PUT": 1 });
    });

    it("a blob of 256 KiB + 1 byte: HEAD first, and one present already costs only that HEAD", async () => {
        const { first, second, uploadedAgain } = await uploadTwice(UPLOAD_WITHOUT_ASKING_BYTES + 1, "blobs/large");
        assert.deepStrictEqual(first, { "blob HEAD": 1, "blob POST": 1, "blob PUT": 1 });
        assert.strictEqual(uploadedAgain, false);
        assert.deepStrictEqual(second, { "blob HEAD": 1 });
    });
});
