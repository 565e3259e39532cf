import * as assert from "assert";
import { constants, generateKeyPairSync, verify, X509Certificate } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Descriptor } from "../../../../chart/distribution/digest";
import { SigningKeyError } from "../../../../chart/signing/errors";
import { notationEnvelope, NotationEnvelope } from "../../../../chart/signing/notation/notationEnvelope";
import { notationPayload } from "../../../../chart/signing/notation/notationPayload";
import { readNotationSigner } from "../../../../chart/signing/notation/notationSigner";
import { notationTestChain, NotationTestChain, TestKeyType } from "./notationCertificates";

const SUBJECT: Descriptor = {
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: "sha256:" + "ab".repeat(32),
    size: 759,
};

function decodeJson(part: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** Verifies the JWS signature as a JWS verifier would, from the leaf certificate in x5c. */
function jwsVerifies(envelope: NotationEnvelope): boolean {
    const leaf = new X509Certificate(Buffer.from(envelope.header.x5c[0], "base64"));
    const { alg } = decodeJson(envelope.protected) as { alg: string };
    const hash = `sha${alg.slice(2)}`;
    const key = alg.startsWith("PS")
        ? { key: leaf.publicKey, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: Number(alg.slice(2)) / 8 }
        : { key: leaf.publicKey, dsaEncoding: "ieee-p1363" as const };
    const signingInput = Buffer.from(`${envelope.protected}.${envelope.payload}`, "ascii");
    return verify(hash, signingInput, key, Buffer.from(envelope.signature, "base64url"));
}

/** Every base64 line of a PEM body: none may appear in an error message. */
function pemLines(pem: string): string[] {
    return pem.split("\n").filter((line) => line.length >= 16 && !line.startsWith("-----"));
}

function signingError(run: () => unknown): SigningKeyError {
    try {
        run();
    } catch (error) {
        assert.ok(error instanceof SigningKeyError, `expected a SigningKeyError, got ${String(error)}`);
        return error;
    }
    assert.fail("expected a SigningKeyError");
}

describe("Notation signatures: the JWS envelope and the signer's inputs (openssl keys, no registry)", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-notation-"));
    const chains: Partial<Record<TestKeyType, NotationTestChain>> = {};
    const chain = (type: TestKeyType) => (chains[type] ??= notationTestChain(dir, type, { keyType: type }));

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("the payload is the subject's mediaType, digest and size under targetArtifact, nothing more", () => {
        const withExtras = { ...SUBJECT, annotations: { a: "b" }, artifactType: "x" } as Descriptor;
        assert.strictEqual(
            notationPayload(withExtras).toString("utf8"),
            `{"targetArtifact":{"mediaType":"${SUBJECT.mediaType}","digest":"${SUBJECT.digest}","size":759}}`,
        );
    });

    it("ECDSA P-256: ES256, the protected header the specification requires, x5c leaf then root, and a signature that verifies", () => {
        const test = chain("ec-p256");
        const signer = readNotationSigner({ certificateChain: test.chainPem, privateKey: test.keyPem });
        const envelope = notationEnvelope(SUBJECT, signer, { signingTime: new Date("2025-05-01T12:00:00.750Z") });
        assert.deepStrictEqual(Object.keys(envelope).sort(), ["header", "payload", "protected", "signature"]);
        assert.deepStrictEqual(decodeJson(envelope.protected), {
            alg: "ES256",
            cty: "application/vnd.cncf.notary.payload.v1+json",
            crit: ["io.cncf.notary.signingScheme"],
            "io.cncf.notary.signingScheme": "notary.x509",
            "io.cncf.notary.signingTime": "2025-05-01T12:00:00Z",
        });
        assert.deepStrictEqual(decodeJson(envelope.payload), { targetArtifact: SUBJECT });
        assert.deepStrictEqual(envelope.header.x5c, [
            new X509Certificate(test.leafPem).raw.toString("base64"),
            new X509Certificate(test.caPem).raw.toString("base64"),
        ]);
        assert.strictEqual(envelope.header["io.cncf.notary.signingAgent"], "pulumi-acr-helm");
        for (const part of [envelope.protected, envelope.payload, envelope.signature]) assert.match(part, /^[A-Za-z0-9_-]+$/);
        assert.strictEqual(Buffer.from(envelope.signature, "base64url").length, 64, "r || s, 32 bytes each");
        assert.ok(jwsVerifies(envelope));
        const tampered = { ...envelope, payload: Buffer.from(`{"targetArtifact":{"digest":"sha256:00"}}`).toString("base64url") };
        assert.ok(!jwsVerifies(tampered), "a changed payload no longer verifies");
    });

    for (const [type, alg] of [
        ["ec-p384", "ES384"],
        ["rsa-2048", "PS256"],
        ["rsa-3072", "PS384"],
    ] as const) {
        it(`${type}: ${alg}, verifying with node:crypto`, () => {
            const test = chain(type);
            const envelope = notationEnvelope(SUBJECT, readNotationSigner({ certificateChain: test.chainPem, privateKey: test.keyPem }));
            assert.strictEqual(decodeJson(envelope.protected).alg, alg);
            assert.ok(jwsVerifies(envelope));
        });
    }

    it("an encrypted PKCS#8 key opens with its passphrase; without it, or with a wrong one, the error names the input", () => {
        const test = notationTestChain(dir, "locked", { keyType: "rsa-2048", passphrase: "pass-9e1c" });
        const signer = readNotationSigner({ certificateChain: test.chainPem, privateKey: test.keyPem, passphrase: "pass-9e1c" });
        assert.ok(jwsVerifies(notationEnvelope(SUBJECT, signer)));
        assert.match(
            signingError(() => readNotationSigner({ certificateChain: test.chainPem, privateKey: test.keyPem })).message,
            /^signing\.notation\.privateKey: is encrypted; give its passphrase too$/,
        );
        const wrong = signingError(() =>
            readNotationSigner({ certificateChain: test.chainPem, privateKey: test.keyPem, passphrase: "nope" }),
        );
        assert.match(wrong.message, /^signing\.notation\.privateKey: could not be decrypted/);
        assert.ok(!wrong.message.includes("nope"));
    });

    describe("bad inputs: errors name the input and hold no key material", () => {
        const cases: [string, () => { certificateChain: string; privateKey: string }, RegExp][] = [
            [
                "a key that is not PEM",
                () => ({
                    certificateChain: chain("ec-p256").chainPem,
                    privateKey: chain("ec-p256").keyPem.replace(/-----[A-Z ]+-----/g, ""),
                }),
                /^signing\.notation\.privateKey: is not a PEM private key/,
            ],
            [
                "another certificate's key",
                () => ({ certificateChain: chain("ec-p256").chainPem, privateKey: chain("ec-p384").keyPem }),
                /^signing\.notation\.privateKey: does not belong to the first \(leaf\) certificate of signing\.notation\.certificateChain/,
            ],
            [
                "an Ed25519 key",
                () => ({
                    certificateChain: chain("ec-p256").chainPem,
                    privateKey: generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
                }),
                /^signing\.notation\.privateKey: is an unsupported ed25519 key; use RSA 2048, 3072 or 4096 bits, or ECDSA/,
            ],
            [
                "an RSA 1024 key",
                () => ({
                    certificateChain: chain("ec-p256").chainPem,
                    privateKey: generateKeyPairSync("rsa", { modulusLength: 1024 })
                        .privateKey.export({ type: "pkcs8", format: "pem" })
                        .toString(),
                }),
                /^signing\.notation\.privateKey: is an unsupported rsa 1024-bit key/,
            ],
            [
                "the key pasted as the chain",
                () => ({ certificateChain: chain("ec-p256").keyPem + chain("ec-p256").chainPem, privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: holds a private key; give certificates only$/,
            ],
            [
                "no certificate",
                () => ({ certificateChain: "not a certificate", privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: holds no PEM certificate/,
            ],
            [
                "a garbled certificate",
                () => ({
                    certificateChain: chain("ec-p256").chainPem.replace(/(BEGIN CERTIFICATE-----\n)(.{10})/, "$1AAAAAAAAAA"),
                    privateKey: chain("ec-p256").keyPem,
                }),
                /^signing\.notation\.certificateChain: certificate 1 is not a readable X\.509 certificate$/,
            ],
            [
                "the root first",
                () => ({ certificateChain: chain("ec-p256").caPem + chain("ec-p256").leafPem, privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: certificate 1 is self-signed but not last; put the root last$/,
            ],
            [
                "the leaf alone",
                () => ({ certificateChain: chain("ec-p256").leafPem, privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: holds one certificate that is not self-signed; add its issuers up to the root$/,
            ],
            [
                "another CA as the root",
                () => ({ certificateChain: chain("ec-p256").leafPem + chain("ec-p384").caPem, privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: certificate 1 is not issued by certificate 2; order the chain leaf first/,
            ],
            [
                "the CA alone",
                () => ({ certificateChain: chain("ec-p256").caPem, privateKey: chain("ec-p256").keyPem }),
                /^signing\.notation\.certificateChain: certificate 1 is a CA certificate; put the signing \(leaf\) certificate first$/,
            ],
        ];
        for (const [name, input, expected] of cases) {
            it(name, () => {
                const value = input();
                const error = signingError(() => readNotationSigner(value));
                assert.match(error.message, expected);
                assert.strictEqual(error.input, error.message.split(":")[0]);
                for (const line of [...pemLines(value.privateKey), ...pemLines(chain("ec-p384").keyPem)]) {
                    assert.ok(!error.message.includes(line), "the message quotes key material");
                }
            });
        }
    });
});
