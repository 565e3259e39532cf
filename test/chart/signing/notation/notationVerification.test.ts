import * as assert from "assert";
import { createHash, createPrivateKey, X509Certificate } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients, openRepository } from "../../../../chart/distribution/connection";
import type { Descriptor } from "../../../../chart/distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../../chart/distribution/mediaTypes";
import { pushChart } from "../../../../chart/helmOci/push";
import { packageChart } from "../../../../chart/packaging/package";
import { SignatureVerificationError, SigningKeyError } from "../../../../chart/signing/errors";
import { algorithmOf, jwsSign } from "../../../../chart/signing/notation/notationAlgorithm";
import { envelopeBytes, notationEnvelope, NotationEnvelope } from "../../../../chart/signing/notation/notationEnvelope";
import { notationPayload } from "../../../../chart/signing/notation/notationPayload";
import { pushNotationEnvelope, pushNotationSignature } from "../../../../chart/signing/notation/notationReferrer";
import { NotationSigner, readNotationSigner } from "../../../../chart/signing/notation/notationSigner";
import { notationRejection, NotationTrust, verifyNotationSignature } from "../../../../chart/signing/notation/notationVerification";
import { copyChart, removeCopy, setChartVersion } from "../../../support/chartCopies";
import { repoRoot } from "../../../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../../support/registry";
import { notationTestChain, NotationTestChain } from "./notationCertificates";
import { NotationVerifyCli } from "./notationVerifyCli";

const SUBJECT: Descriptor = {
    mediaType: "application/vnd.oci.image.manifest.v1+json",
    digest: "sha256:" + "ab".repeat(32),
    size: 759,
};
const HOUR = 3600_000;

function decode(part: string): Record<string, unknown> {
    return JSON.parse(Buffer.from(part, "base64url").toString("utf8")) as Record<string, unknown>;
}

/** A signer over any chain, without readNotationSigner's checks: to make envelopes a verifier must refuse. */
function rawSigner(test: NotationTestChain, certificates: string[]): NotationSigner {
    const privateKey = createPrivateKey(test.keyPem);
    return { privateKey, certificates: certificates.map((pem) => new X509Certificate(pem)), algorithm: algorithmOf(privateKey)! };
}

/** `envelope` with its protected header changed by `edit` and signed again with `signer`'s key. */
function resigned(envelope: NotationEnvelope, signer: NotationSigner, edit: (header: Record<string, unknown>) => void, payload?: Buffer) {
    const header = decode(envelope.protected);
    edit(header);
    const encodedProtected = Buffer.from(JSON.stringify(header)).toString("base64url");
    const encodedPayload = payload ? payload.toString("base64url") : envelope.payload;
    const signature = jwsSign(Buffer.from(`${encodedProtected}.${encodedPayload}`, "ascii"), signer.privateKey);
    return { ...envelope, protected: encodedProtected, payload: encodedPayload, signature: signature.toString("base64url") };
}

describe("Notation signatures: notationRejection, the TypeScript verifier of one JWS envelope (openssl certificates, no registry)", function () {
    this.timeout(60_000);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-notation-verification-"));
    let team: NotationTestChain;
    let other: NotationTestChain;
    let rsa: NotationTestChain;
    let signer: NotationSigner;
    let trust: NotationTrust;
    let good: NotationEnvelope;
    const bytes = (envelope: unknown) => Buffer.from(JSON.stringify(envelope), "utf8");

    before(() => {
        team = notationTestChain(dir, "team");
        other = notationTestChain(dir, "other");
        rsa = notationTestChain(dir, "rsa", { keyType: "rsa-2048" });
        signer = readNotationSigner({ certificateChain: team.chainPem, privateKey: team.keyPem });
        trust = { trustedCertificates: [team.caPem] };
        good = notationEnvelope(SUBJECT, signer);
    });

    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("accepts an envelope pushNotationSignature makes (ES256 and PS256) for its subject, by a trust store holding the CA", () => {
        assert.strictEqual(notationRejection(envelopeBytes(good), SUBJECT, trust), undefined);
        const rsaSigner = readNotationSigner({ certificateChain: rsa.chainPem, privateKey: rsa.keyPem });
        const rsaTrust = { trustedCertificates: [other.caPem, rsa.caPem] };
        assert.strictEqual(notationRejection(envelopeBytes(notationEnvelope(SUBJECT, rsaSigner)), SUBJECT, rsaTrust), undefined);
    });

    const refusals: [string, () => [Buffer, NotationTrust?, Date?], RegExp][] = [
        [
            "a trust store holding another CA",
            () => [envelopeBytes(good), { trustedCertificates: [other.caPem] }],
            /^the certificate chain does not contain any trusted certificate$/,
        ],
        [
            "a corrupted signature",
            () => {
                const signature = Buffer.from(good.signature, "base64url");
                signature[10] ^= 0x01;
                return [bytes({ ...good, signature: signature.toString("base64url") })];
            },
            /^the signature does not verify with the signing certificate$/,
        ],
        [
            "a payload for another digest",
            () => [envelopeBytes(notationEnvelope({ ...SUBJECT, digest: "sha256:" + "cd".repeat(32) }, signer))],
            /^the payload signs \{"mediaType":[^}]*"digest":"sha256:cdcd[^}]*\}, not \{"mediaType":[^}]*"digest":"sha256:abab/,
        ],
        [
            "a payload for another size",
            () => [envelopeBytes(notationEnvelope({ ...SUBJECT, size: 760 }, signer))],
            /^the payload signs .*"size":760\}, not/,
        ],
        [
            "a payload for another media type",
            () => [
                envelopeBytes(notationEnvelope({ ...SUBJECT, mediaType: "application/vnd.docker.distribution.manifest.v2+json" }, signer)),
            ],
            /^the payload signs \{"mediaType":"application\/vnd\.docker/,
        ],
        [
            "a payload that is not a JSON object",
            () => [bytes(resigned(good, signer, () => undefined, Buffer.from('"targetArtifact"')))],
            /^the payload is not a JSON object$/,
        ],
        [
            "a wrong payload content type (cty)",
            () => [bytes(resigned(good, signer, (header) => (header.cty = "application/json")))],
            /^the payload content type "application\/json" is not application\/vnd\.cncf\.notary\.payload\.v1\+json$/,
        ],
        [
            "an algorithm other than the key's (PS256 header, ECDSA key)",
            () => [bytes(resigned(good, signer, (header) => (header.alg = "PS256")))],
            /^the signing certificate's key signs with ES256, not the PS256 the header names$/,
        ],
        [
            "an unsupported algorithm (HS256)",
            () => [bytes(resigned(good, signer, (header) => (header.alg = "HS256")))],
            /^the signature algorithm "HS256" is not supported$/,
        ],
        [
            "another signing scheme",
            () => [bytes(resigned(good, signer, (header) => (header["io.cncf.notary.signingScheme"] = "notary.x509.signingAuthority")))],
            /^the signing scheme "notary\.x509\.signingAuthority" is not notary\.x509$/,
        ],
        [
            "no signing time",
            () => [bytes(resigned(good, signer, (header) => delete header["io.cncf.notary.signingTime"]))],
            /^the signing time is missing$/,
        ],
        [
            "a signing time before the certificates were valid",
            () => [envelopeBytes(notationEnvelope(SUBJECT, signer, { signingTime: new Date(Date.now() - 7 * 24 * HOUR) }))],
            /^certificate 1 \(O=acr-helm tests, CN=team signer\) was not valid at the signing time/,
        ],
        [
            "certificates no longer valid at the time of verification",
            () => [envelopeBytes(good), trust, new Date(Date.now() + 3 * 24 * HOUR)],
            /^certificate 1 \(O=acr-helm tests, CN=team signer\) is not valid now/,
        ],
        [
            "an expired signature (io.cncf.notary.expiry past)",
            () => {
                const expiry = new Date(Date.now() + HOUR).toISOString();
                const expiring = resigned(good, signer, (header) => {
                    header["io.cncf.notary.expiry"] = expiry;
                    header.crit = ["io.cncf.notary.signingScheme", "io.cncf.notary.expiry"];
                });
                return [bytes(expiring), trust, new Date(Date.now() + 2 * HOUR)];
            },
            /^the signature expired at /,
        ],
        [
            "an expiry not marked critical",
            () => [
                bytes(resigned(good, signer, (header) => (header["io.cncf.notary.expiry"] = new Date(Date.now() + HOUR).toISOString()))),
            ],
            /^the headers io\.cncf\.notary\.expiry are not marked critical$/,
        ],
        [
            "no crit header",
            () => [bytes(resigned(good, signer, (header) => delete header.crit))],
            /^the "crit" header is missing or not a list of names$/,
        ],
        [
            "a crit header without the signing scheme",
            () => [bytes(resigned(good, signer, (header) => (header.crit = ["io.cncf.notary.signingTime"])))],
            /^the "crit" header names "io\.cncf\.notary\.signingTime", which is not an extended header present$/,
        ],
        [
            "a critical header the verifier cannot process (a verification plugin)",
            () => {
                const plugin = resigned(good, signer, (header) => {
                    header["io.cncf.notary.verificationPlugin"] = "acme";
                    header.crit = ["io.cncf.notary.signingScheme", "io.cncf.notary.verificationPlugin"];
                });
                return [bytes(plugin)];
            },
            /^the critical header "io\.cncf\.notary\.verificationPlugin" is not supported/,
        ],
        [
            "the chain out of order (its root before another certificate)",
            () => [envelopeBytes(notationEnvelope(SUBJECT, rawSigner(team, [team.leafPem, team.caPem, other.caPem])))],
            /^certificate 2 \(O=acr-helm tests, CN=team CA\) is self-signed but not last in the chain$/,
        ],
        [
            "a chain that does not reach a root (the leaf alone)",
            () => [envelopeBytes(notationEnvelope(SUBJECT, rawSigner(team, [team.leafPem])))],
            /^certificate 1 \(O=acr-helm tests, CN=team signer\) is alone in the chain but not self-signed$/,
        ],
        [
            "a leaf issued by another CA than the next certificate",
            () => [
                envelopeBytes(notationEnvelope(SUBJECT, rawSigner(team, [team.leafPem, other.caPem]))),
                { trustedCertificates: [other.caPem] },
            ],
            /^certificate 1 \(O=acr-helm tests, CN=team signer\) is not issued by certificate 2 \(O=acr-helm tests, CN=other CA\)$/,
        ],
        [
            "a leaf with the extended key usage serverAuth",
            () => {
                const server = notationTestChain(dir, "server", { extendedKeyUsage: "serverAuth" });
                const envelope = notationEnvelope(SUBJECT, rawSigner(server, [server.leafPem, server.caPem]));
                return [envelopeBytes(envelope), { trustedCertificates: [server.caPem] }];
            },
            /^certificate 1 \(O=acr-helm tests, CN=server signer\) has the extended key usage 1\.3\.6\.1\.5\.5\.7\.3\.1, which a signing certificate may not$/,
        ],
        [
            "a CA certificate as the signing certificate",
            () => {
                const caKey = fs.readFileSync(path.join(dir, "team-ca.key"), "utf8");
                const caSigner = rawSigner({ ...team, keyPem: caKey }, [team.caPem]);
                return [envelopeBytes(notationEnvelope(SUBJECT, caSigner))];
            },
            /^certificate 1 \(O=acr-helm tests, CN=team CA\) is a CA certificate, not a signing certificate$/,
        ],
    ];
    for (const [name, make, expected] of refusals) {
        it(`refuses ${name}`, () => {
            const [envelope, withTrust, now] = make();
            assert.match(notationRejection(envelope, SUBJECT, withTrust ?? trust, now) ?? "(accepted)", expected);
        });
    }

    describe("malformed registry data gives a reason, never an exception", () => {
        const cases: [string, () => string | Buffer, RegExp][] = [
            ["garbage", () => "{not json", /^the envelope is not JSON$/],
            ["binary", () => Buffer.from([0xff, 0x00, 0xfe]), /^the envelope is not JSON$/],
            ["null", () => "null", /^the envelope is not a JSON object$/],
            ["an array", () => "[]", /^the envelope is not a JSON object$/],
            ["an empty object", () => "{}", /^the envelope holds no certificate chain \(x5c\)$/],
            ["x5c not a list", () => JSON.stringify({ ...good, header: { x5c: 5 } }), /^the envelope holds no certificate chain \(x5c\)$/],
            ["x5c of numbers", () => JSON.stringify({ ...good, header: { x5c: [5] } }), /^x5c certificate 1 is not base64$/],
            [
                "x5c of text",
                () => JSON.stringify({ ...good, header: { x5c: ["aGVsbG8="] } }),
                /^x5c certificate 1 is not a readable X\.509 certificate$/,
            ],
            ["header a string", () => JSON.stringify({ ...good, header: "x" }), /^the unprotected header is not a JSON object$/],
            ["protected not base64url", () => JSON.stringify({ ...good, protected: "a.b" }), /^the protected header is not base64url$/],
            ["protected a number", () => JSON.stringify({ ...good, protected: 7 }), /^the protected header is not base64url$/],
            ["protected not JSON", () => JSON.stringify({ ...good, protected: "bm90" }), /^the protected header is not JSON$/],
            ["no payload", () => JSON.stringify({ ...good, payload: undefined }), /^the payload is not base64url$/],
            ["an empty signature", () => JSON.stringify({ ...good, signature: "" }), /^the signature is empty$/],
            [
                "alg __proto__",
                () => JSON.stringify(resigned(good, signer, (header) => (header.alg = "__proto__"))),
                /^the signature algorithm "__proto__" is not supported$/,
            ],
            [
                "crit of numbers",
                () => JSON.stringify(resigned(good, signer, (header) => (header.crit = [1]))),
                /^the "crit" header is missing or not a list/,
            ],
            [
                "a signing time that is not RFC 3339",
                () => JSON.stringify(resigned(good, signer, (header) => (header["io.cncf.notary.signingTime"] = "yesterday"))),
                /^io\.cncf\.notary\.signingTime is not an RFC 3339 time$/,
            ],
            [
                "a payload without targetArtifact",
                () => JSON.stringify(resigned(good, signer, () => undefined, Buffer.from("{}"))),
                /^the payload signs \{\}, not/,
            ],
        ];
        for (const [name, make, expected] of cases) {
            it(name, () => {
                const value = make();
                assert.match(
                    notationRejection(Buffer.isBuffer(value) ? value : Buffer.from(value), SUBJECT, trust) ?? "(accepted)",
                    expected,
                );
            });
        }
    });

    it("a trust store that holds no certificate, or a leaf, is a configuration error (SigningKeyError), not a verdict", () => {
        assert.throws(() => notationRejection(envelopeBytes(good), SUBJECT, { trustedCertificates: [] }), SigningKeyError);
        assert.throws(
            () => notationRejection(envelopeBytes(good), SUBJECT, { trustedCertificates: [team.leafPem] }),
            (error: Error) => error instanceof SigningKeyError && /neither a CA certificate nor self-signed/.test(error.message),
        );
    });

    it("the payload's bytes are what notationPayload makes: the subject's descriptor", () => {
        assert.deepStrictEqual(decode(good.payload), JSON.parse(notationPayload(SUBJECT).toString("utf8")));
    });
});

describe("Notation signatures on pushed charts: verifyNotationSignature agrees with notation-go (notation-verify)", function () {
    this.timeout(180_000);
    const credentials = { username: "admin", password: DEFAULT_USERS.admin.password };
    const REPOSITORY = "charts/hello-acr";
    let registry: TestRegistry;
    let cli: NotationVerifyCli;
    let dir: string;
    let team: NotationTestChain;
    let other: NotationTestChain;
    let changedDir: string | undefined;
    const subjects: Record<"signed" | "unsigned" | "corrupted" | "expired", Descriptor> = {} as never;
    let signatureDigest: string;
    const connection = () => ({ registry: registry.host, plainHttp: true, credentials });
    const repository = () => openRepository(connection(), REPOSITORY);

    async function pushVersion(version: string): Promise<Descriptor> {
        changedDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));
        setChartVersion(changedDir, version);
        const pushed = await pushChart({ ...connection(), chart: await packageChart(changedDir), repository: REPOSITORY });
        removeCopy(changedDir);
        changedDir = undefined;
        const manifest = await repository().getManifest(pushed.digest, "pull", ["pull"]);
        assert.ok(manifest, `manifest ${pushed.digest} not found after the push`);
        return { mediaType: OCI_MANIFEST_MEDIA_TYPE, digest: pushed.digest, size: manifest.bytes.length };
    }

    /** Both verifiers on one chart version and trust store: notation-verify's exit and ours, with their reasons. */
    async function both(subject: Descriptor, ca: NotationTestChain) {
        const cliResult = cli.verify(
            `${registry.host}/${REPOSITORY}@${subject.digest}`,
            cli.trust(ca === team ? "team" : "other", "charts", [ca.caPem]),
        );
        let ours: { ok: true; digest: string } | { ok: false; reason: string };
        try {
            ours = {
                ok: true,
                digest: (await verifyNotationSignature(repository(), subject.digest, { trustedCertificates: [ca.caPem] })).signatureDigest,
            };
        } catch (error) {
            assert.ok(error instanceof SignatureVerificationError, `expected a SignatureVerificationError, got ${String(error)}`);
            assert.strictEqual(error.kind, "notation");
            ours = { ok: false, reason: error.message };
        }
        return { notationGo: cliResult, ours };
    }

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-notation-agree-"));
        cli = new NotationVerifyCli(dir, credentials);
        team = notationTestChain(dir, "team");
        other = notationTestChain(dir, "other", { keyType: "rsa-2048" });
        registry = await startRegistry({ auth: "htpasswd" });
        const signer = readNotationSigner({ certificateChain: team.chainPem, privateKey: team.keyPem });
        subjects.signed = await pushVersion("0.1.0");
        signatureDigest = (await pushNotationSignature(repository(), subjects.signed, signer)).signatureDigest;
        subjects.unsigned = await pushVersion("0.2.0");
        subjects.corrupted = await pushVersion("0.3.0");
        const envelope = notationEnvelope(subjects.corrupted, signer);
        const signature = Buffer.from(envelope.signature, "base64url");
        signature[10] ^= 0x01;
        await pushNotationEnvelope(repository(), subjects.corrupted, { ...envelope, signature: signature.toString("base64url") });
        subjects.expired = await pushVersion("0.4.0");
        const expiring = resigned(notationEnvelope(subjects.expired, signer), signer, (header) => {
            header["io.cncf.notary.expiry"] = new Date(Date.parse(header["io.cncf.notary.signingTime"] as string) + 1000).toISOString();
            header.crit = ["io.cncf.notary.signingScheme", "io.cncf.notary.expiry"];
        });
        await pushNotationEnvelope(repository(), subjects.expired, expiring);
        await new Promise((resolve) => setTimeout(resolve, 2000));
    });

    after(async () => {
        closeSharedClients();
        if (changedDir) removeCopy(changedDir);
        await registry?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("both accept the signature pushNotationSignature attached, with the team's CA, and name the same signature manifest", async () => {
        const { notationGo, ours } = await both(subjects.signed, team);
        assert.strictEqual(notationGo.code, 0, notationGo.stderr);
        assert.deepStrictEqual(ours, { ok: true, digest: signatureDigest });
        assert.strictEqual(notationGo.stdout.trim(), signatureDigest);
        const verified = await verifyNotationSignature(repository(), subjects.signed.digest, { trustedCertificates: [team.caPem] });
        assert.strictEqual(verified.signer, "O=acr-helm tests, CN=team signer");
        assert.strictEqual(verified.thumbprint, createHash("sha256").update(new X509Certificate(team.leafPem).raw).digest("hex"));
    });

    const refusals: [string, "unsigned" | "signed" | "corrupted" | "expired", () => NotationTestChain, RegExp, RegExp][] = [
        [
            "an unsigned version",
            "unsigned",
            () => team,
            /no signature is associated with/,
            /none found among its referrers; the chart is not signed with Notation$/,
        ],
        [
            "another CA",
            "signed",
            () => other,
            /certificate chain does not contain any trusted certificate/,
            /: the certificate chain does not contain any trusted certificate$/,
        ],
        [
            "a corrupted signature",
            "corrupted",
            () => team,
            /signature is invalid/,
            /: the signature does not verify with the signing certificate$/,
        ],
        ["an expired signature", "expired", () => team, /digital signature has expired/, /: the signature expired at /],
    ];
    for (const [name, version, ca, notationReason, ourReason] of refusals) {
        it(`both refuse ${name}`, async () => {
            const { notationGo, ours } = await both(subjects[version], ca());
            assert.strictEqual(notationGo.code, 1, notationGo.stdout);
            assert.match(notationGo.stderr, notationReason);
            assert.strictEqual(ours.ok, false);
            assert.match((ours as { reason: string }).reason, ourReason);
        });
    }
});
