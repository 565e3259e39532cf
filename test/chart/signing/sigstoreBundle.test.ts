import * as assert from "assert";
import * as path from "path";
import { createPublicKey } from "node:crypto";
import { RegistryClient } from "../../../chart/distribution/client";
import { descriptorOf } from "../../../chart/distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { Repository } from "../../../chart/distribution/repository";
import { pushChart } from "../../../chart/helmOci/push";
import { packageChart } from "../../../chart/packaging/package";
import { readCosignSigningKey } from "../../../chart/signing/cosign/cosignKeys";
import { SignatureVerificationError } from "../../../chart/signing/errors";
import { signManifestBundle } from "../../../chart/signing/sigstore/bundleSignature";
import { pushBundleSignature, verifyBundleSignature } from "../../../chart/signing/sigstore/bundleReferrers";
import { keySigner } from "../../../chart/signing/sigstore/keySigner";
import { repoRoot } from "../../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../support/registry";
import { installedTool } from "../../support/tools";
import { CosignCli } from "./signedToolsSupport";
import { AcrStandIn } from "../../support/acrStandIn";
import { listReferrers } from "../../../chart/distribution/referrers";
import { referrersTag } from "../../../chart/distribution/referrerIndex";
import { CosignKey, TestKeys } from "./testKeys";

const CHART = path.join(repoRoot, "charts", "hello-acr");
const USER = "admin";
const CREATED = "2026-12-07T00:00:00Z";

describe("Sigstore bundle signatures as OCI referrers: made here, checked by cosign v3 (and cosign's checked here)", function () {
    this.timeout(180_000);
    let registry: TestRegistry;
    let client: RegistryClient;
    let keys: TestKeys;
    let team: CosignKey;
    let other: CosignKey;
    let cosign: CosignCli;

    /** Pushes the chart to `<namespace>/hello-acr`: its repository and the manifest's descriptor. */
    async function pushed(namespace: string) {
        const chart = await packageChart(CHART);
        const result = await pushChart({
            registry: registry.host,
            plainHttp: true,
            credentials: { username: USER, password: DEFAULT_USERS.admin.password },
            repository: `${namespace}/hello-acr`,
            chart,
        });
        const repository = new Repository(client, `${namespace}/hello-acr`);
        const manifest = await repository.getManifest(result.digest, "pull", ["pull"]);
        return {
            repository,
            subject: descriptorOf(OCI_MANIFEST_MEDIA_TYPE, manifest!.bytes),
            ref: `${registry.host}/${namespace}/hello-acr@${result.digest}`,
        };
    }

    async function signWith(
        key: CosignKey,
        target: { repository: Repository; subject: { digest: string; mediaType: string; size: number } },
        digest = target.subject.digest,
    ) {
        const bundle = await signManifestBundle(digest, keySigner(readCosignSigningKey(key.privatePem, undefined, "test")));
        return pushBundleSignature(target.repository, target.subject, bundle, CREATED);
    }

    before(async () => {
        keys = new TestKeys();
        team = keys.cosignKey("team");
        other = keys.cosignKey("other");
        registry = await startRegistry({ auth: "htpasswd" });
        client = new RegistryClient({
            registry: registry.host,
            plainHttp: true,
            credentials: { username: USER, password: DEFAULT_USERS.admin.password },
        });
        cosign = new CosignCli(installedTool("cosign"), registry.host, USER, DEFAULT_USERS.admin.password);
    });
    after(async () => {
        cosign?.cleanup();
        client?.close();
        await registry?.stop();
        keys?.dispose();
    });

    it("cosign verify --key accepts our bundle referrer, and refuses another key", async () => {
        const chart = await pushed("bundle-signed");
        const first = await signWith(team, chart);
        assert.strictEqual(first.pushed, true);
        const verified = await cosign.verify(team.publicFile, chart.ref);
        assert.strictEqual(verified.code, 0, verified.output);
        assert.match(
            verified.output,
            /https:\/\/sigstore\.dev\/cosign\/sign\/v1|The signatures were verified against the specified public key/,
        );
        const wrongKey = await cosign.verify(other.publicFile, chart.ref);
        assert.notStrictEqual(wrongKey.code, 0, wrongKey.output);
    });

    it("on a registry with the Referrers API (the ACR stand-in): no index tag is written, and cosign v3 finds the bundle through the API", async () => {
        const password = DEFAULT_USERS.admin.password;
        const acr = await new AcrStandIn(
            Number(registry.host.split(":")[1]),
            `Basic ${Buffer.from(`${USER}:${password}`).toString("base64")}`,
        ).start();
        const acrClient = new RegistryClient({ registry: acr.host, plainHttp: true, credentials: { username: USER, password } });
        const acrCosign = new CosignCli(installedTool("cosign"), acr.host, USER, password);
        try {
            const chart = await pushed("bundle-api");
            const repository = new Repository(acrClient, "bundle-api/hello-acr");
            const bundle = await signManifestBundle(
                chart.subject.digest,
                keySigner(readCosignSigningKey(team.privatePem, undefined, "test")),
            );
            const attached = await pushBundleSignature(repository, chart.subject, bundle, CREATED);
            assert.deepStrictEqual(
                (await listReferrers(repository, chart.subject.digest)).map((entry) => entry.digest),
                [attached.digest],
            );
            assert.strictEqual(await chart.repository.headManifest(referrersTag(chart.subject.digest), "pull", ["pull"]), undefined);
            const verified = await acrCosign.verify(team.publicFile, `${acr.host}/bundle-api/hello-acr@${chart.subject.digest}`);
            assert.strictEqual(verified.code, 0, verified.output);
        } finally {
            acrCosign.cleanup();
            acrClient.close();
            await acr.stop();
        }
    });

    it("attaching the same bundle again makes the same referrer and writes nothing", async () => {
        const chart = await pushed("bundle-again");
        const bundle = await signManifestBundle(chart.subject.digest, keySigner(readCosignSigningKey(team.privatePem, undefined, "test")));
        const first = await pushBundleSignature(chart.repository, chart.subject, bundle, CREATED);
        const again = await pushBundleSignature(chart.repository, chart.subject, bundle, CREATED);
        assert.deepStrictEqual([first.pushed, again.pushed, again.digest], [true, false, first.digest]);
    });

    it("cosign verify refuses a bundle that signs another digest, attached to this chart", async () => {
        const chart = await pushed("bundle-misattached");
        const elsewhere = await pushed("bundle-elsewhere");
        await signWith(
            team,
            chart,
            elsewhere.subject.digest === chart.subject.digest ? "sha256:" + "0".repeat(64) : elsewhere.subject.digest,
        );
        const verified = await cosign.verify(team.publicFile, chart.ref);
        assert.notStrictEqual(verified.code, 0, verified.output);
        await assert.rejects(
            verifyBundleSignature(chart.repository, chart.subject.digest, { kind: "key", publicKey: createPublicKey(team.publicPem) }),
            (error: Error) => error instanceof SignatureVerificationError && /signed, but for another digest/.test(error.message),
        );
    });

    it("our verifier accepts the bundle cosign v3 attaches itself, refuses another key, and finds none on an unsigned chart", async () => {
        const chart = await pushed("bundle-by-cosign");
        const generated = keys.cosignGeneratedKey(installedTool("cosign"), "generated", "generated-Cosign-pass-3");
        const signed = await cosign.sign(generated.privateFile, "generated-Cosign-pass-3", chart.ref);
        assert.strictEqual(signed.code, 0, signed.output);
        const referrer = await verifyBundleSignature(chart.repository, chart.subject.digest, {
            kind: "key",
            publicKey: createPublicKey(generated.publicPem),
        });
        assert.match(referrer, /^sha256:[a-f0-9]{64}$/);
        await assert.rejects(
            verifyBundleSignature(chart.repository, chart.subject.digest, { kind: "key", publicKey: createPublicKey(team.publicPem) }),
            /not signed by this key/,
        );
        const unsigned = await pushed("bundle-unsigned");
        await assert.rejects(
            verifyBundleSignature(unsigned.repository, unsigned.subject.digest, {
                kind: "key",
                publicKey: createPublicKey(team.publicPem),
            }),
            /none found among its referrers/,
        );
    });
});
