import * as assert from "assert";
import { generateKeyPairSync } from "crypto";
import * as path from "path";
import { packageChart, PackagedChart } from "../../../chart/packaging/package";
import { readCosignPublicKey, readCosignSigningKey } from "../../../chart/signing/cosign/cosignKeys";
import { signatureTag, simpleSigningPayload } from "../../../chart/signing/cosign/cosignPayload";
import { cosignSignatureValid, signCosignPayload, signatureLayer, signatureManifest } from "../../../chart/signing/cosign/cosignSignature";
import { SignatureVerificationError, SigningKeyError } from "../../../chart/signing/errors";
import { readPgpKeyring, readPgpSigningKey } from "../../../chart/signing/provenance/pgpKeys";
import { signProvenance, verifyProvenance } from "../../../chart/signing/provenance/provenance";
import { provenanceChecksums, provenanceMessage } from "../../../chart/signing/provenance/provenanceMessage";
import { publicHalvesOf } from "../../../chart/signing/publicHalves";
import { planBundle, planCosign, planNotation, planProvenance } from "../../../chart/signing/signaturePlan";
import * as fs from "fs";
import * as os from "os";
import { notationTestChain } from "./notation/notationCertificates";
import { cosignFormatsFor, readSigningInput } from "../../../chart/signing/signingInputs";
import { repoRoot } from "../../support/paths";
import { GpgKey, TestKeys } from "./testKeys";

const DIGEST = "sha256:" + "ab".repeat(32);

describe("chart signing: provenance files, cosign signatures and keys (no registry)", function () {
    this.timeout(120_000);
    let keys: TestKeys;
    let team: GpgKey;
    let other: GpgKey;
    let chart: PackagedChart;

    before(async () => {
        keys = new TestKeys();
        team = keys.gpgKey("team", { passphrase: "team-passphrase-9f2" });
        other = keys.gpgKey("other", { type: "ed25519" });
        chart = await packageChart(path.join(repoRoot, "charts", "hello-acr"));
    });

    after(() => keys?.dispose());

    describe("Helm provenance", () => {
        it("the signed message is Chart.yaml's fields, '...', and the archive's SHA-256 under <name>-<version>.tgz", () => {
            const message = provenanceMessage(chart.metadata, chart.archive);
            const [metadata, files] = message.split("\n...\n");
            assert.match(metadata, /^apiVersion: v2\nappVersion: 1\.27\.3\ndescription: A small web server/);
            assert.match(metadata, /\nname: hello-acr\ntype: application\nversion: 0\.1\.0\n$/);
            assert.strictEqual(files, `files:\n  hello-acr-0.1.0.tgz: ${chart.chartDigest}\n`);
            assert.deepStrictEqual(provenanceChecksums(message), { "hello-acr-0.1.0.tgz": chart.chartDigest });
        });

        it("signs with SHA-512 and verifies with the binary and the armored public keyring", async () => {
            const signer = await readPgpSigningKey(team.secretArmored, team.passphrase, "key");
            assert.strictEqual(signer.fingerprint, team.fingerprint);
            const prov = await signProvenance(chart, signer);
            assert.match(prov, /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\n/);
            assert.ok(!prov.includes("\r"), "written with \\n line ends, as Helm writes it");
            for (const ring of [
                await readPgpKeyring(require("fs").readFileSync(team.publicKeyringFile), "ring"),
                await readPgpKeyring(team.publicArmored, "ring"),
            ]) {
                const verified = await verifyProvenance(prov, chart, ring);
                assert.strictEqual(verified.fingerprint, team.fingerprint);
                assert.strictEqual(verified.signedBy, `team <${team.email}>`);
                assert.strictEqual(verified.chartDigest, chart.chartDigest);
            }
        });

        it("refuses a changed archive, another key's signature and an edited message", async () => {
            const prov = await signProvenance(chart, await readPgpSigningKey(team.secretArmored, team.passphrase, "key"));
            const ring = await readPgpKeyring(team.publicArmored, "ring");
            const changed = { metadata: chart.metadata, archive: Buffer.concat([chart.archive, Buffer.from([0])]) };
            await assert.rejects(
                verifyProvenance(prov, changed, ring),
                (e: Error) => e instanceof SignatureVerificationError && /changed after it was signed/.test(e.message),
            );
            await assert.rejects(
                verifyProvenance(prov, chart, await readPgpKeyring(other.publicArmored, "ring")),
                (e: Error) => e instanceof SignatureVerificationError && /does not verify with the keyring/.test(e.message),
            );
            const edited = prov.replace("version: 0.1.0", "version: 0.1.1");
            await assert.rejects(verifyProvenance(edited, chart, ring), /does not verify with the keyring/);
        });

        it("key errors name the input and the fix and never quote the key or passphrase", async () => {
            await assert.rejects(
                readPgpSigningKey(team.secretArmored, undefined, "signing.pgpPrivateKey"),
                /signing\.pgpPrivateKey: is protected by a passphrase/,
            );
            await assert.rejects(
                readPgpSigningKey(team.secretArmored, "wrong-passphrase-77", "k"),
                (e: Error) => /passphrase is wrong/.test(e.message) && !e.message.includes("wrong-passphrase-77"),
            );
            await assert.rejects(
                readPgpSigningKey(team.publicArmored, undefined, "k"),
                /not an ASCII-armored OpenPGP secret key; export one with 'gpg --armor --export-secret-keys/,
            );
            await assert.rejects(
                readPgpKeyring("not a keyring", "verify.keyring"),
                (e: Error) => e instanceof SigningKeyError && /verify\.keyring: is not an OpenPGP keyring/.test(e.message),
            );
        });

        it("keeps the previous provenance while chart and key are unchanged, and signs again for a new key or chart", async () => {
            const signing = { pgpPrivateKey: team.secretArmored, pgpPassphrase: team.passphrase };
            const first = await planProvenance(signing, chart, undefined);
            assert.ok(first);
            assert.strictEqual(await planProvenance(signing, chart, first), first);
            const otherKey = await planProvenance({ pgpPrivateKey: other.secretArmored }, chart, first);
            assert.strictEqual(otherKey?.keyFingerprint, other.fingerprint);
            const bumped = { ...chart, archive: Buffer.concat([chart.archive, Buffer.from([0])]), chartDigest: DIGEST };
            assert.notStrictEqual((await planProvenance(signing, bumped, first))?.prov, first.prov);
        });
    });

    describe("cosign", () => {
        const p256 = () => generateKeyPairSync("ec", { namedCurve: "P-256" });
        const pem = (pair: ReturnType<typeof p256>) => ({
            privatePem: pair.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
            publicPem: pair.publicKey.export({ type: "spki", format: "pem" }).toString(),
        });

        it("the payload is sigstore's simple-signing JSON, byte for byte, and the tag is sha256-<hex>.sig", () => {
            assert.strictEqual(
                simpleSigningPayload("127.0.0.1:5000/charts/hello-acr", DIGEST).toString(),
                `{"critical":{"identity":{"docker-reference":"127.0.0.1:5000/charts/hello-acr"},"image":{"docker-manifest-digest":"${DIGEST}"},"type":"cosign container image signature"},"optional":null}`,
            );
            assert.strictEqual(signatureTag(DIGEST), `sha256-${"ab".repeat(32)}.sig`);
        });

        it("signs with ECDSA P-256 (plain or encrypted PKCS#8) and verifies only with the matching public key", () => {
            const pair = pem(p256());
            const encrypted = p256()
                .privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "cosign-pass-1" })
                .toString();
            for (const key of [
                readCosignSigningKey(pair.privatePem, undefined, "k"),
                readCosignSigningKey(encrypted, "cosign-pass-1", "k"),
            ]) {
                const signature = signCosignPayload("r/x", DIGEST, key);
                assert.ok(
                    cosignSignatureValid(Buffer.from(signature.payload), signature.signature, readCosignPublicKey(key.publicKeyPem, "pub")),
                );
            }
            const signature = signCosignPayload("r/x", DIGEST, readCosignSigningKey(pair.privatePem, undefined, "k"));
            assert.ok(
                !cosignSignatureValid(
                    Buffer.from(signature.payload),
                    signature.signature,
                    readCosignPublicKey(pem(p256()).publicPem, "pub"),
                ),
            );
            assert.ok(
                !cosignSignatureValid(
                    Buffer.from(signature.payload.replace("r/x", "r/y")),
                    signature.signature,
                    readCosignPublicKey(pair.publicPem, "pub"),
                ),
            );
        });

        it("names the input and the fix for unusable keys, never quoting them", () => {
            const rsa = generateKeyPairSync("rsa", { modulusLength: 2048 }).privateKey.export({ type: "pkcs8", format: "pem" }).toString();
            assert.throws(
                () => readCosignSigningKey(rsa, undefined, "signing.cosignPrivateKey"),
                /signing\.cosignPrivateKey: is a rsa key; cosign signatures here use ECDSA P-256/,
            );
            assert.throws(
                () =>
                    readCosignSigningKey(
                        "-----BEGIN ENCRYPTED SIGSTORE PRIVATE KEY-----\nxx\n-----END ENCRYPTED SIGSTORE PRIVATE KEY-----\n",
                        "p",
                        "k",
                    ),
                /k: is not a readable cosign key \(ENCRYPTED SIGSTORE PRIVATE KEY\); write it again with 'cosign generate-key-pair'/,
            );
            const encrypted = p256()
                .privateKey.export({ type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase: "right-pass" })
                .toString();
            assert.throws(() => readCosignSigningKey(encrypted, undefined, "k"), /k: is encrypted; give its passphrase too/);
            assert.throws(
                () => readCosignSigningKey(encrypted, "wrong-pass-31", "k"),
                (e: Error) => /passphrase is wrong/.test(e.message) && !e.message.includes("wrong-pass-31"),
            );
            assert.throws(() => readCosignPublicKey("nope", "verify.cosignPublicKey"), /verify\.cosignPublicKey: is not a PEM public key/);
        });

        it("keeps the previous signature while manifest, repository and key are unchanged", () => {
            const pair = pem(p256());
            const signing = { cosignPrivateKey: pair.privatePem };
            const first = planCosign(signing, "reg/charts/hello-acr", DIGEST, {})!;
            assert.strictEqual(first.publicKey.trim(), pair.publicPem.trim());
            assert.strictEqual(planCosign(signing, "reg/charts/hello-acr", DIGEST, { cosign: first }), first);
            assert.notStrictEqual(
                planCosign(signing, "reg/charts/hello-acr", "sha256:" + "cd".repeat(32), { cosign: first })?.signature,
                first.signature,
            );
            assert.notStrictEqual(
                planCosign({ cosignPrivateKey: pem(p256()).privatePem }, "reg/charts/hello-acr", DIGEST, { cosign: first })?.keyFingerprint,
                first.keyFingerprint,
            );
        });

        it("the bundle is kept while manifest and key are unchanged, and names the signing time to the second", async () => {
            const signing = { cosignPrivateKey: pem(p256()).privatePem };
            const at = () => new Date("2026-12-07T10:11:12.345Z");
            const first = (await planBundle(signing, DIGEST, {}, at))!;
            assert.strictEqual(first.created, "2026-12-07T10:11:12Z");
            assert.strictEqual(JSON.parse(first.bundle).mediaType, "application/vnd.dev.sigstore.bundle.v0.3+json");
            assert.strictEqual(await planBundle(signing, DIGEST, { bundle: first }), first);
            assert.notStrictEqual((await planBundle(signing, "sha256:" + "cd".repeat(32), { bundle: first }))?.bundle, first.bundle);
        });

        it("the Notation signature is kept while manifest and certificate are unchanged; key and chain come together", () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-notation-plan-"));
            try {
                const chain = notationTestChain(dir, "plan");
                const signing = { notationCertificateChain: chain.chainPem, notationPrivateKey: chain.keyPem };
                const subject = { mediaType: "application/vnd.oci.image.manifest.v1+json", digest: DIGEST, size: 100 };
                const first = planNotation(signing, subject, {})!;
                assert.strictEqual(JSON.parse(first.envelope).header.x5c.length, 2);
                assert.strictEqual(planNotation(signing, subject, { notation: first }), first);
                assert.notStrictEqual(
                    planNotation(signing, { ...subject, digest: "sha256:" + "cd".repeat(32) }, { notation: first })?.envelope,
                    first.envelope,
                );
                assert.throws(
                    () => readSigningInput({ notationPrivateKey: chain.keyPem }),
                    /signing\.notationPrivateKey: is given without signing\.notationCertificateChain/,
                );
                assert.throws(
                    () => planNotation({ ...signing, notationPrivateKey: pem(p256()).privatePem }, subject, {}),
                    /signing\.notationPrivateKey: does not belong to the first \(leaf\) certificate of signing\.notationCertificateChain/,
                );
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });

        it("cosign formats: both by default; legacy only for a publication whose state has a legacy signature and no bundle", async () => {
            const signing = { cosignPrivateKey: pem(p256()).privatePem };
            const legacy = planCosign(signing, "reg/charts/hello-acr", DIGEST, {})!;
            assert.deepStrictEqual(cosignFormatsFor(signing, {}), ["bundle", "legacy"]);
            assert.deepStrictEqual(cosignFormatsFor(signing, { cosign: legacy }), ["legacy"]);
            assert.strictEqual(await planBundle(signing, DIGEST, { cosign: legacy }), undefined);
            assert.deepStrictEqual(cosignFormatsFor({ ...signing, cosignFormats: ["bundle"] }, { cosign: legacy }), ["bundle"]);
            assert.strictEqual(planCosign({ ...signing, cosignFormats: ["bundle"] }, "reg/charts/hello-acr", DIGEST, {}), undefined);
            assert.throws(
                () => readSigningInput({ ...signing, cosignFormats: ["Bundle"] }),
                /signing\.cosignFormats: must be a non-empty list of "bundle", "legacy"/,
            );
            assert.throws(
                () => readSigningInput({ pgpPrivateKey: "x", cosignFormats: ["bundle"] }),
                /signing\.cosignFormats: is given without signing\.cosignPrivateKey/,
            );
        });

        it("the signature manifest lists each payload as a layer annotated with its signature, and the config its diff_ids", () => {
            const key = readCosignSigningKey(pem(p256()).privatePem, undefined, "k");
            const layer = signatureLayer(signCosignPayload("r/x", DIGEST, key));
            const built = signatureManifest([layer]);
            const manifest = JSON.parse(built.manifest.toString());
            assert.strictEqual(manifest.mediaType, "application/vnd.oci.image.manifest.v1+json");
            assert.strictEqual(manifest.config.mediaType, "application/vnd.oci.image.config.v1+json");
            assert.strictEqual(manifest.layers[0].mediaType, "application/vnd.dev.cosign.simplesigning.v1+json");
            assert.ok(manifest.layers[0].annotations["dev.cosignproject.cosign/signature"]);
            assert.deepStrictEqual(JSON.parse(built.config.toString()).rootfs, { type: "layers", diff_ids: [layer.digest] });
        });
    });

    describe("inputs", () => {
        it("signing: checks its fields and names them, and the public halves come from the private keys", async () => {
            assert.strictEqual(readSigningInput(undefined), undefined);
            assert.throws(() => readSigningInput({ pgpKey: "x" }), /signing: has unknown field\(s\) pgpKey/);
            assert.throws(() => readSigningInput({ pgpPrivateKey: 3 }), /signing\.pgpPrivateKey: must be a string/);
            assert.throws(
                () => readSigningInput({ pgpPassphrase: "p" }),
                /signing\.pgpPassphrase: is given without signing\.pgpPrivateKey/,
            );
            const halves = await publicHalvesOf({ pgpPrivateKey: team.secretArmored });
            assert.strictEqual((await readPgpKeyring(halves.keyring!, "k"))[0].getFingerprint().toUpperCase(), team.fingerprint);
        });
    });
});
