import * as assert from "assert";
import { RegistryClient } from "../../../chart/distribution/client";
import { descriptorOf } from "../../../chart/distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { referrersTag } from "../../../chart/distribution/referrerIndex";
import { listReferrers, pushReferrer, referrerManifest } from "../../../chart/distribution/referrers";
import { Repository } from "../../../chart/distribution/repository";
import { countKinds, RequestCounter } from "../../../scripts/local/requestCounter";
import { startRegistry, TestRegistry } from "../../support/registry";

const SIGNATURE_TYPE = "application/vnd.example.signature";
const artifact = (text: string, artifactType = SIGNATURE_TYPE) => ({
    artifactType,
    layers: [{ mediaType: "application/vnd.example.layer", data: Buffer.from(text) }],
    annotations: { "org.example.signer": text },
});

describe("referrers on a registry without the Referrers API: the sha256-<hex> index tag (real docker-registry 2.8)", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let counter: RequestCounter;
    let client: RegistryClient;
    let repository: Repository;

    /** A subject to refer to: itself an artifact manifest, pushed under a tag. */
    async function pushSubject(tag: string) {
        const { bytes } = referrerManifest(
            descriptorOf(OCI_MANIFEST_MEDIA_TYPE, Buffer.from("{}")),
            artifact(tag, "application/vnd.example.chart"),
        );
        const plain = Buffer.from(JSON.stringify({ ...JSON.parse(bytes.toString()), subject: undefined }));
        const subject = JSON.parse(bytes.toString()) as { layers: { digest: string; size: number; mediaType: string }[] };
        await repository.ensureBlob(subject.layers[0], Buffer.from(tag));
        await repository.ensureBlob(descriptorOf("application/vnd.oci.empty.v1+json", Buffer.from("{}")), Buffer.from("{}"));
        const response = await repository.putManifest(tag, plain, OCI_MANIFEST_MEDIA_TYPE, "push");
        assert.strictEqual(response.status, 201);
        return descriptorOf(OCI_MANIFEST_MEDIA_TYPE, plain);
    }

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        counter = await RequestCounter.start({ registryHost: registry.host });
        client = new RegistryClient({
            registry: counter.host,
            plainHttp: true,
            credentials: { username: "admin", password: registry.users.admin.password },
        });
        repository = new Repository(client, "team/chart");
    });
    after(async () => {
        client?.close();
        await counter?.stop();
        await registry?.stop();
    });

    it("lists nothing for a subject without referrers, and the API's 404 falls back to the tag", async () => {
        const subject = await pushSubject("none");
        const mark = await counter.mark();
        assert.deepStrictEqual(await listReferrers(repository, subject.digest), []);
        assert.deepStrictEqual(countKinds(await counter.since(mark)), { "manifest GET": 1, "referrers GET": 1 });
    });

    it("attaches two referrers: the index tag lists both, in order, each with its artifact type and annotations", async () => {
        const subject = await pushSubject("two");
        const first = await pushReferrer(repository, subject, artifact("first"));
        const second = await pushReferrer(repository, subject, artifact("second", "application/vnd.example.other"));
        assert.strictEqual(first.pushed, true);
        assert.strictEqual(second.pushed, true);
        const listed = await listReferrers(repository, subject.digest);
        assert.deepStrictEqual(
            listed.map((entry) => [entry.digest, entry.artifactType, entry.annotations?.["org.example.signer"]]),
            [
                [first.digest, SIGNATURE_TYPE, "first"],
                [second.digest, "application/vnd.example.other", "second"],
            ],
        );
        assert.deepStrictEqual(
            (await listReferrers(repository, subject.digest, SIGNATURE_TYPE)).map((entry) => entry.digest),
            [first.digest],
        );
        const stored = await repository.getManifest(first.digest, "pull", ["pull"]);
        const manifest = JSON.parse(stored!.bytes.toString()) as { subject: unknown; artifactType: string };
        assert.deepStrictEqual(manifest.subject, subject);
        assert.strictEqual(manifest.artifactType, SIGNATURE_TYPE);
        assert.ok(await repository.headManifest(referrersTag(subject.digest), "pull", ["pull"]));
    });

    it("attaching the same referrer again writes nothing: one HEAD and the listing's reads", async () => {
        const subject = await pushSubject("again");
        await pushReferrer(repository, subject, artifact("once"));
        const mark = await counter.mark();
        const again = await pushReferrer(repository, subject, artifact("once"));
        assert.strictEqual(again.pushed, false);
        assert.deepStrictEqual(countKinds(await counter.since(mark)), { "manifest GET": 1, "manifest HEAD": 1, "referrers GET": 1 });
    });

    it("four writers attaching at once, six times over: every referrer ends up listed", async () => {
        for (let run = 0; run < 6; run++) {
            const subject = await pushSubject(`crowd-${run}`);
            const names = Array.from({ length: 4 }, (_, i) => `writer-${run}-${i}`);
            const pushed = await Promise.all(names.map((name) => pushReferrer(repository, subject, artifact(name))));
            const listed = new Set((await listReferrers(repository, subject.digest)).map((entry) => entry.digest));
            assert.deepStrictEqual(
                pushed.filter((entry) => !listed.has(entry.digest)).map((entry) => entry.digest),
                [],
                `run ${run}: referrers lost`,
            );
        }
    });
});
