import * as assert from "assert";
import * as path from "path";
import { planArtifact } from "../../../chart/publication/plan";
import { SigningKeyError } from "../../../chart/signing/errors";
import { KeylessDue, KeylessRecord, KeylessTarget, planKeyless, SignatureRecords } from "../../../chart/signing/signaturePlan";
import { readSigningInput, SigningInput } from "../../../chart/signing/signingInputs";
import { DEFAULT_FULCIO_URL } from "../../../chart/signing/sigstore/keylessSigner";
import { chartPublication } from "../../../provider/resources/chartPublication";
import { repoRoot } from "../../support/paths";

const DIGEST = "sha256:" + "ab".repeat(32);
const OTHER_DIGEST = "sha256:" + "cd".repeat(32);
const TSA = "https://timestamp.example.test";
const CHART = path.join(repoRoot, "charts", "hello-acr");

/** A keyless signature as create or update records it, for `target`. */
function signedFor(planned: KeylessTarget & { due?: true }): KeylessRecord {
    const { manifestDigest, fulcioUrl, timestampAuthorityUrl } = planned;
    return {
        manifestDigest,
        fulcioUrl,
        ...(timestampAuthorityUrl ? { timestampAuthorityUrl } : {}),
        bundle: '{"mediaType":"application/vnd.dev.sigstore.bundle.v0.3+json"}',
        created: "2026-01-02T03:04:05Z",
        certificateIdentity: "https://github.com/example-org/charts/.github/workflows/release.yml@refs/heads/main",
        certificateIssuer: "https://token.actions.githubusercontent.com",
    };
}

describe("keyless signing of a publication: input and plan (no network)", () => {
    describe("the signing.keyless input", () => {
        it("defaults to GitHub Actions' token and the public Fulcio; keyless alone is signing", () => {
            assert.deepStrictEqual(readSigningInput({ keyless: {} }), { keyless: { identityToken: { kind: "github-actions" } } });
            assert.deepStrictEqual(readSigningInput({ keyless: { identityToken: { kind: "githubActions" } } }), {
                keyless: { identityToken: { kind: "github-actions" } },
            });
        });

        it("takes a token file or variable and the Fulcio and timestamp authority URLs (a trailing slash dropped)", () => {
            const signing = readSigningInput({
                keyless: {
                    identityToken: { kind: "file", path: "/var/run/secrets/tokens/sigstore" },
                    fulcioUrl: "https://fulcio.example.test/",
                    timestampAuthorityUrl: TSA,
                },
            });
            assert.deepStrictEqual(signing?.keyless, {
                identityToken: { kind: "file", path: "/var/run/secrets/tokens/sigstore" },
                fulcioUrl: "https://fulcio.example.test",
                timestampAuthorityUrl: TSA,
            });
            const fromEnvironment = readSigningInput({
                keyless: { identityToken: { kind: "environment", variable: "SIGSTORE_ID_TOKEN" } },
            });
            assert.deepStrictEqual(fromEnvironment?.keyless?.identityToken, { kind: "environment", variable: "SIGSTORE_ID_TOKEN" });
        });

        it("refuses what does not fit, naming signing.keyless...", () => {
            const refused = (keyless: unknown, input: string, reason: RegExp) =>
                assert.throws(
                    () => readSigningInput({ keyless }),
                    (error: Error) => error instanceof SigningKeyError && error.input === input && reason.test(error.message),
                );
            refused({ identityToken: { kind: "file" } }, "signing.keyless.identityToken.path", /is required with kind "file"/);
            refused({ identityToken: { kind: "environment" } }, "signing.keyless.identityToken.variable", /is required/);
            refused({ identityToken: { path: "/tmp/token" } }, "signing.keyless.identityToken.path", /goes with kind "file"/);
            refused({ identityToken: { kind: "oidc" } }, "signing.keyless.identityToken.kind", /"githubActions", "file", "environment"/);
            refused(
                { identityToken: { kind: "file", path: "/t", token: "x" } },
                "signing.keyless.identityToken",
                /unknown field\(s\) token/,
            );
            refused({ fulcioUrl: "fulcio.sigstore.dev" }, "signing.keyless.fulcioUrl", /must be an http\(s\) URL/);
            refused({ timestampAuthorityUrl: "ftp://tsa" }, "signing.keyless.timestampAuthorityUrl", /must be an http\(s\) URL/);
            refused("yes", "signing.keyless", /must be an object/);
        });
    });

    describe("planKeyless", () => {
        const signing: SigningInput = { keyless: { identityToken: { kind: "github-actions" }, timestampAuthorityUrl: TSA } };
        const target = { manifestDigest: DIGEST, fulcioUrl: DEFAULT_FULCIO_URL, timestampAuthorityUrl: TSA };

        it("is nothing without signing.keyless, and due (no network) when state holds no signature", () => {
            assert.strictEqual(planKeyless(undefined, DIGEST, {}), undefined);
            assert.strictEqual(planKeyless({ pgpPrivateKey: "x" }, DIGEST, {}), undefined);
            assert.deepStrictEqual(planKeyless(signing, DIGEST, {}), { ...target, due: true });
        });

        it("reuses the signature in state while the manifest, Fulcio and timestamp authority are unchanged", () => {
            const previous: SignatureRecords = { keyless: signedFor(target) };
            assert.strictEqual(planKeyless(signing, DIGEST, previous), previous.keyless);
        });

        it("is due again for another manifest, another Fulcio or another timestamp authority", () => {
            const previous: SignatureRecords = { keyless: signedFor(target) };
            assert.deepStrictEqual(planKeyless(signing, OTHER_DIGEST, previous), { ...target, manifestDigest: OTHER_DIGEST, due: true });
            const otherFulcio: SigningInput = { keyless: { ...signing.keyless!, fulcioUrl: "https://fulcio.example.test" } };
            assert.strictEqual((planKeyless(otherFulcio, DIGEST, previous) as KeylessDue).due, true);
            const noTsa: SigningInput = { keyless: { identityToken: { kind: "github-actions" } } };
            assert.deepStrictEqual(planKeyless(noTsa, DIGEST, previous), {
                manifestDigest: DIGEST,
                fulcioUrl: DEFAULT_FULCIO_URL,
                due: true,
            });
        });

        it("a signature still due in the previous inputs stays due: only a made signature is reused", () => {
            assert.deepStrictEqual(planKeyless(signing, DIGEST, { keyless: { ...target, due: true } }), { ...target, due: true });
            const incomplete = { ...signedFor(target), certificateIdentity: undefined } as unknown as KeylessRecord;
            assert.strictEqual((planKeyless(signing, DIGEST, { keyless: incomplete }) as KeylessDue).due, true);
        });

        it("the artifact plan marks it due for the planned manifest digest; without keyless, signatures have no keyless entry", async () => {
            const inputs = {
                chartPath: CHART,
                namespace: "charts",
                annotations: {},
                provenance: false as const,
                loginServer: "r.example.test",
            };
            const plan = await planArtifact({ ...inputs, signing });
            assert.deepStrictEqual(plan.signatures.keyless, { ...target, manifestDigest: plan.manifestDigest, due: true });
            const reused = await planArtifact(
                { ...inputs, signing },
                { keyless: signedFor({ ...target, manifestDigest: plan.manifestDigest }) },
            );
            assert.strictEqual((reused.signatures.keyless as KeylessRecord).bundle, signedFor(target).bundle);
            const unsigned = await planArtifact(inputs);
            assert.ok(!("keyless" in unsigned.signatures));
        });
    });

    describe("the ChartPublication handler's check and diff", () => {
        const declared = {
            chartPath: CHART,
            loginServer: "127.0.0.1:1", // unreachable: check and diff make no request
            namespace: "charts",
            provenance: false,
            plainHttp: true,
        };
        const keylessInput = {
            identityToken: { kind: "environment", variable: "ACR_HELM_KEYLESS_PLAN_TOKEN" },
            timestampAuthorityUrl: TSA,
        };
        const news = { ...declared, signing: { keyless: keylessInput } };

        /** What create would have stored: the checked inputs, pushed, with the due signature made. */
        function stored(checked: Record<string, unknown>, record?: KeylessRecord): Record<string, unknown> {
            const signatures = checked.signatures as SignatureRecords;
            return {
                ...checked,
                digest: checked.expectedDigest,
                version: "0.1.0",
                signatures: record ? { ...signatures, keyless: record } : signatures,
            };
        }

        it("check plans the signature due; a diff against state that signed the same manifest shows no change", async () => {
            const checked = (await chartPublication.check({}, news)).inputs;
            const planned = (checked.signatures as SignatureRecords).keyless as KeylessDue;
            assert.deepStrictEqual(planned, {
                manifestDigest: checked.expectedDigest,
                fulcioUrl: DEFAULT_FULCIO_URL,
                timestampAuthorityUrl: TSA,
                due: true,
            });

            // First publication: nothing signed yet, so the preview shows a change of signatures.
            assert.strictEqual((await chartPublication.diff("id", stored(checked), checked)).changes, true);

            // The engine gives check the previous inputs, where the signature was due: still due, and no change
            // against the state create wrote with the signature made.
            const state = stored(checked, signedFor(planned));
            const again = (await chartPublication.check(checked, news)).inputs;
            assert.deepStrictEqual(again.signatures, checked.signatures);
            assert.strictEqual((await chartPublication.diff("id", state, again)).changes, false);

            // Given the state itself, check reuses the record: no change either.
            const fromState = (await chartPublication.check(state, news)).inputs;
            assert.deepStrictEqual((fromState.signatures as SignatureRecords).keyless, signedFor(planned));
            assert.strictEqual((await chartPublication.diff("id", state, fromState)).changes, false);
        });

        it("is a change when state signed another manifest, with another timestamp authority, or when keyless is removed", async () => {
            const checked = (await chartPublication.check({}, news)).inputs;
            const planned = (checked.signatures as SignatureRecords).keyless as KeylessDue;
            const otherManifest = stored(checked, signedFor({ ...planned, manifestDigest: OTHER_DIGEST }));
            assert.strictEqual((await chartPublication.diff("id", otherManifest, checked)).changes, true);
            const otherTsa = stored(checked, signedFor({ ...planned, timestampAuthorityUrl: "https://tsa.other.test" }));
            assert.strictEqual((await chartPublication.diff("id", otherTsa, checked)).changes, true);
            const withoutKeyless = (await chartPublication.check(checked, { ...declared, signing: undefined })).inputs;
            assert.strictEqual((await chartPublication.diff("id", stored(checked, signedFor(planned)), withoutKeyless)).changes, true);
        });

        it("a publication without signing.keyless plans no keyless entry and sees no change", async () => {
            const unsigned = { ...declared, signing: undefined };
            const checked = (await chartPublication.check({}, unsigned)).inputs;
            assert.ok(!("keyless" in (checked.signatures as object)), JSON.stringify(checked.signatures));
            const again = (await chartPublication.check(checked, unsigned)).inputs;
            assert.strictEqual((await chartPublication.diff("id", stored(checked), again)).changes, false);
        });

        it("an invalid keyless input fails check naming it", async () => {
            const bad = { ...declared, signing: { keyless: { identityToken: { kind: "file" } } } };
            const checked = await chartPublication.check({}, bad);
            assert.deepStrictEqual(
                checked.failures?.map((failure) => failure.property),
                ["signing.keyless.identityToken.path"],
            );
        });
    });
});
