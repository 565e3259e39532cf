import * as assert from "assert";
import { X509Certificate } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { SerializedBundle } from "@sigstore/bundle";
import { TrustedRoot } from "@sigstore/protobuf-specs";
import { toTrustMaterial } from "@sigstore/verify";
import { closeSharedClients, openRepository } from "../../../chart/distribution/connection";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../chart/distribution/mediaTypes";
import { Repository } from "../../../chart/distribution/repository";
import { pushChart } from "../../../chart/helmOci/push";
import { packageChart } from "../../../chart/packaging/package";
import { SignatureVerificationError, SigningKeyError } from "../../../chart/signing/errors";
import { IdentityTokenSource } from "../../../chart/signing/sigstore/identityToken";
import { pushBundleSignature, verifyBundleSignature } from "../../../chart/signing/sigstore/bundleReferrers";
import { BundleTrust } from "../../../chart/signing/sigstore/bundleVerification";
import { KeylessSigningError, signManifestKeyless } from "../../../chart/signing/sigstore/keylessSigner";
import { LocalFulcio, startFulcio } from "../../../scripts/local/fulcio";
import { LocalOidcIssuer } from "../../../scripts/local/oidcIssuer";
import { startTimestampAuthority } from "../../../scripts/local/timestampAuthority";
import { repoRoot } from "../../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../support/registry";
import { installedTool } from "../../support/tools";
import { CosignKeyless } from "./keylessSupport";
import { resolveChart } from "../../../chart/verify/resolveChart";
import { acrHelm } from "../../support/cliRunner";

const CHART = path.join(repoRoot, "charts", "hello-acr");
const USER = "admin";
const PASSWORD = DEFAULT_USERS.admin.password;
const ACTIONS_VARIABLES = ["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"];

describe("keyless signing: a Fulcio certificate for a GitHub Actions-shaped OIDC identity, checked by cosign v3 verify", function () {
    this.timeout(180_000);
    let registry: TestRegistry;
    let issuer: LocalOidcIssuer;
    let fulcio: LocalFulcio;
    let cosign: CosignKeyless;
    let trustedRoot: string;
    let tokenDir: string;
    const saved: Record<string, string | undefined> = {};
    const connection = () => ({ registry: registry.host, credentials: { username: USER, password: PASSWORD }, plainHttp: true });
    const charts: Record<string, { digest: string; repository: Repository; size: number }> = {};

    /** Pushes hello-acr to `<namespace>/hello-acr` and remembers its manifest's digest and size. */
    async function pushTo(namespace: string) {
        const repository = openRepository(connection(), `${namespace}/hello-acr`);
        const pushed = await pushChart({ ...connection(), repository: repository.name, chart: await packageChart(CHART) });
        const manifest = await repository.getManifest(pushed.digest, "pull", ["pull"]);
        charts[namespace] = { digest: pushed.digest, repository, size: manifest!.bytes.length };
        return charts[namespace];
    }

    /** The keyless bundle of `digest`, parsed. */
    const sign = async (digest: string, identityToken: IdentityTokenSource = { kind: "github-actions" }, timestampAuthorityUrl?: string) =>
        JSON.parse(await signManifestKeyless(digest, { identityToken, fulcioUrl: fulcio.url, timestampAuthorityUrl })) as SerializedBundle;

    async function attach(namespace: string, bundle: SerializedBundle) {
        const chart = charts[namespace];
        const subject = { mediaType: OCI_MANIFEST_MEDIA_TYPE, digest: chart.digest, size: chart.size };
        await pushBundleSignature(chart.repository, subject, JSON.stringify(bundle), new Date().toISOString());
    }

    /** cosign verify of `<namespace>/hello-acr@digest` against the local Fulcio root; flags replace the defaults. */
    function verify(namespace: string, flags: Record<string, string | undefined> = {}) {
        const settings: Record<string, string | undefined> = {
            "--trusted-root": trustedRoot,
            "--certificate-identity": issuer.workflowIdentity,
            "--certificate-oidc-issuer": issuer.url,
            "--insecure-ignore-tlog": "true",
            "--insecure-ignore-sct": "true",
            ...flags,
        };
        const args = Object.entries(settings)
            .filter((entry): entry is [string, string] => entry[1] !== undefined)
            .map(([flag, value]) => `${flag}=${value}`);
        return cosign.run([
            "verify",
            ...args,
            "--allow-http-registry",
            `${registry.host}/${namespace}/hello-acr@${charts[namespace].digest}`,
        ]);
    }

    before(async function () {
        const binary = installedTool("cosign");
        for (const name of ACTIONS_VARIABLES) saved[name] = process.env[name];
        registry = await startRegistry({ auth: "htpasswd" });
        issuer = new LocalOidcIssuer();
        await issuer.start();
        fulcio = await startFulcio({ issuerUrl: issuer.url });
        cosign = new CosignKeyless(binary, registry.host, USER, PASSWORD);
        trustedRoot = await cosign.trustedRoot(fulcio.url, fulcio.rootCertFile);
        tokenDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-oidc-token-"));
        Object.assign(process.env, issuer.actionsEnvironment());
        await pushTo("keyless");
        await attach("keyless", await sign(charts.keyless.digest));
    });

    after(async () => {
        for (const name of ACTIONS_VARIABLES) {
            if (saved[name] === undefined) delete process.env[name];
            else process.env[name] = saved[name];
        }
        closeSharedClients();
        cosign?.cleanup();
        if (tokenDir) fs.rmSync(tokenDir, { recursive: true, force: true });
        await fulcio?.stop();
        await issuer?.stop();
        await registry?.stop();
    });

    it("the bundle is v0.3 with a DSSE in-toto statement about the manifest digest and a 10-minute certificate for the workflow", async () => {
        const bundle = await sign(charts.keyless.digest);
        assert.strictEqual(bundle.mediaType, "application/vnd.dev.sigstore.bundle.v0.3+json");
        assert.deepStrictEqual(bundle.verificationMaterial.tlogEntries ?? [], []);
        const envelope = (bundle as { dsseEnvelope: { payload: string; payloadType: string } }).dsseEnvelope;
        assert.strictEqual(envelope.payloadType, "application/vnd.in-toto+json");
        const statement = JSON.parse(Buffer.from(envelope.payload, "base64").toString("utf8"));
        assert.strictEqual(statement.predicateType, "https://sigstore.dev/cosign/sign/v1");
        assert.deepStrictEqual(statement.subject, [{ digest: { sha256: charts.keyless.digest.slice("sha256:".length) } }]);
        const certificate = new X509Certificate(Buffer.from(bundle.verificationMaterial.certificate!.rawBytes, "base64"));
        assert.strictEqual(certificate.subjectAltName, `URI:${issuer.workflowIdentity}`);
        assert.strictEqual(issuer.workflowIdentity, "https://github.com/example-org/charts/.github/workflows/release.yml@refs/heads/main");
        assert.ok(certificate.verify(new X509Certificate(fulcio.rootCertPem).publicKey), "issued by the local Fulcio root");
        assert.strictEqual(Date.parse(certificate.validTo) - Date.parse(certificate.validFrom), 10 * 60 * 1000);
        assert.ok(issuer.actionsRequests.length >= 2 && issuer.actionsRequests.every((audience) => audience === "sigstore"));
    });

    it("cosign verify accepts the referrer bundle for the right workflow identity and issuer", async () => {
        const verified = await verify("keyless");
        assert.strictEqual(verified.code, 0, verified.output);
        assert.match(verified.output, /"type":"https:\/\/sigstore.dev\/cosign\/sign\/v1"/);
        assert.match(verified.output, /The code-signing certificate was verified using trusted certificate authority certificates/);
    });

    it("cosign verify rejects another workflow identity and another issuer", async () => {
        const otherWorkflow = issuer.workflowIdentity.replace("release.yml", "other.yml");
        const wrongIdentity = await verify("keyless", { "--certificate-identity": otherWorkflow });
        assert.notStrictEqual(wrongIdentity.code, 0, wrongIdentity.output);
        assert.match(
            wrongIdentity.output,
            /expected SAN value "[^"]*other\.yml@refs\/heads\/main", got "[^"]*release\.yml@refs\/heads\/main"/,
        );
        const wrongIssuer = await verify("keyless", { "--certificate-oidc-issuer": "https://token.actions.githubusercontent.com" });
        assert.notStrictEqual(wrongIssuer.code, 0, wrongIssuer.output);
        assert.match(
            wrongIssuer.output,
            /expected issuer value "https:\/\/token\.actions\.githubusercontent\.com", got "http:\/\/127\.0\.0\.1:\d+"/,
        );
    });

    it("without Rekor and a CT log, cosign verify needs --insecure-ignore-tlog and --insecure-ignore-sct", async () => {
        const withTlog = await verify("keyless", { "--insecure-ignore-tlog": undefined });
        assert.notStrictEqual(withTlog.code, 0, withTlog.output);
        assert.match(withTlog.output, /not enough verified log entries from transparency log: 0 < 1/);
        const withSct = await verify("keyless", { "--insecure-ignore-sct": undefined });
        assert.notStrictEqual(withSct.code, 0, withSct.output);
        assert.match(withSct.output, /only able to verify 0 SCT entries; unable to meet threshold of 1/);
    });

    it("cosign verify rejects a bundle whose DSSE signature was altered, and one signed for another chart digest", async () => {
        await pushTo("altered");
        const bundle = await sign(charts.altered.digest);
        const envelope = (bundle as { dsseEnvelope: { signatures: { sig: string }[] } }).dsseEnvelope;
        const signature = Buffer.from(envelope.signatures[0].sig, "base64");
        signature[signature.length - 1] ^= 0x01;
        envelope.signatures[0].sig = signature.toString("base64");
        await attach("altered", bundle);
        const altered = await verify("altered");
        assert.notStrictEqual(altered.code, 0, altered.output);
        assert.match(altered.output, /could not verify envelope: accepted signatures do not match threshold, Found: 0, Expected 1/);

        await pushTo("other-digest");
        await attach("other-digest", await sign(`sha256:${"0".repeat(63)}1`));
        const otherDigest = await verify("other-digest");
        assert.notStrictEqual(otherDigest.code, 0, otherDigest.output);
        assert.match(otherDigest.output, /provided artifact digest does not match any digest in statement/);
    });

    it("with a timestamp authority, the bundle holds an RFC 3161 timestamp, checked by cosign verify --use-signed-timestamps and verifyBundleSignature", async () => {
        const tsa = await startTimestampAuthority();
        try {
            await pushTo("timestamped");
            const bundle = await sign(charts.timestamped.digest, { kind: "github-actions" }, tsa.url);
            const timestamps = bundle.verificationMaterial.timestampVerificationData?.rfc3161Timestamps ?? [];
            assert.strictEqual(timestamps.length, 1);
            await attach("timestamped", bundle);
            const withTsa = await cosign.trustedRoot(fulcio.url, fulcio.rootCertFile, { url: tsa.url, chainFile: tsa.chainFile });
            const verified = await verify("timestamped", { "--trusted-root": withTsa, "--use-signed-timestamps": "true" });
            assert.strictEqual(verified.code, 0, verified.output);
            assert.match(verified.output, /"type":"https:\/\/sigstore.dev\/cosign\/sign\/v1"/);

            // A trusted root without the TSA, and a bundle without a timestamp, fail the signed-timestamp threshold.

            const untrustedTsa = await verify("timestamped", { "--use-signed-timestamps": "true" });
            assert.notStrictEqual(untrustedTsa.code, 0, untrustedTsa.output);
            assert.match(untrustedTsa.output, /threshold not met for verified signed timestamps: 0 < 1/);

            await pushTo("untimestamped");
            await attach("untimestamped", await sign(charts.untimestamped.digest));
            const noTimestamp = await verify("untimestamped", { "--trusted-root": withTsa, "--use-signed-timestamps": "true" });
            assert.notStrictEqual(noTimestamp.code, 0, noTimestamp.output);
            assert.match(noTimestamp.output, /threshold not met for verified signed timestamps: 0 < 1/);

            // The package's own verifier, trusting the same root: the timestamped bundle passes for the workflow and
            // issuer only. A certificate is checked at a signed time, so a bundle with none (no TSA, no Rekor) is
            // refused, saying why.
            const material = toTrustMaterial(TrustedRoot.fromJSON(JSON.parse(fs.readFileSync(withTsa, "utf8"))));
            const trust = (identity: string, oidcIssuer: string): BundleTrust => ({
                kind: "certificate",
                trustMaterial: material,
                policy: { subjectAlternativeName: identity, extensions: { issuer: oidcIssuer } },
            });
            const { repository, digest } = charts.timestamped;
            await verifyBundleSignature(repository, digest, trust(issuer.workflowIdentity, issuer.url));
            const otherWorkflow = issuer.workflowIdentity.replace("release.yml", "other.yml");
            await assert.rejects(verifyBundleSignature(repository, digest, trust(otherWorkflow, issuer.url)), /certificate identity error/);
            await assert.rejects(
                verifyBundleSignature(repository, digest, trust(issuer.workflowIdentity, "https://token.actions.githubusercontent.com")),
                /invalid certificate extension - expected issuer=https:\/\/token\.actions\.githubusercontent\.com/,
            );
            await assert.rejects(
                verifyBundleSignature(
                    charts.untimestamped.repository,
                    charts.untimestamped.digest,
                    trust(issuer.workflowIdentity, issuer.url),
                ),
                (error: Error) => error instanceof SignatureVerificationError && /without a signed timestamp/.test(error.message),
            );

            // The same rule behind a release's and getChart's `verify.cosignIdentity`.
            const lookup = (subject: string) =>
                resolveChart({
                    chart: `oci://${registry.host}/timestamped/hello-acr`,
                    version: "0.1.0",
                    plainHttp: true,
                    credentials: connection().credentials,
                    verify: { cosignIdentity: { subject, issuer: issuer.url, trustedRoot: fs.readFileSync(withTsa, "utf8") } },
                });
            assert.strictEqual(
                (await lookup(issuer.workflowIdentity)).verified.cosignIdentity,
                `${issuer.workflowIdentity} from ${issuer.url}`,
            );
            await assert.rejects(
                lookup(otherWorkflow),
                (error: Error) => error instanceof SignatureVerificationError && /certificate identity error/.test(error.message),
            );

            // And behind acr-helm verify's keyless flags.
            const cli = (subject: string) =>
                acrHelm(
                    [
                        "verify",
                        `oci://${registry.host}/timestamped/hello-acr`,
                        "--version",
                        "0.1.0",
                        "--plain-http",
                        "--certificate-identity",
                        subject,
                        "--certificate-oidc-issuer",
                        issuer.url,
                        "--trusted-root",
                        withTsa,
                    ],
                    "",
                    { ACR_HELM_USERNAME: USER, ACR_HELM_PASSWORD: PASSWORD },
                );
            const good = await cli(issuer.workflowIdentity);
            assert.strictEqual(good.code, 0, good.stderr);
            assert.match(good.stdout, /Keyless signature verified for .*: Sigstore bundle sha256:[a-f0-9]{64} \(https:\/\/github\.com\//);
            const bad = await cli(otherWorkflow);
            assert.strictEqual(bad.code, 1, bad.stdout);
            assert.match(bad.stderr, /certificate identity error/);
        } finally {
            await tsa.stop();
        }
    });

    it("acr-helm push --keyless signs the pushed chart with the token from a file; cosign verify accepts it for the workflow", async () => {
        const file = path.join(tokenDir, "cli-token");
        fs.writeFileSync(file, await issuer.mint());
        const pushed = await acrHelm(
            [
                "push",
                CHART,
                `oci://${registry.host}/cli-keyless`,
                "--plain-http",
                "--keyless",
                "--identity-token-file",
                file,
                "--fulcio-url",
                fulcio.url,
            ],
            "",
            { ACR_HELM_USERNAME: USER, ACR_HELM_PASSWORD: PASSWORD },
        );
        assert.strictEqual(pushed.code, 0, pushed.stderr);
        assert.match(pushed.stdout, /Keyless bundle: .*\/cli-keyless\/hello-acr@sha256:[a-f0-9]{64} \(pushed\)/);
        const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1];
        charts["cli-keyless"] = { digest, repository: openRepository(connection(), "cli-keyless/hello-acr"), size: 0 };
        const verified = await verify("cli-keyless");
        assert.strictEqual(verified.code, 0, verified.output);
        const stray = await acrHelm(["push", CHART, `oci://${registry.host}/cli-keyless`, "--plain-http", "--fulcio-url", fulcio.url]);
        assert.strictEqual(stray.code, 2);
        assert.match(stray.stderr, /--fulcio-url is given without --keyless/);
    });

    it("takes the token from a file or an environment variable; the token never shows in errors", async () => {
        const token = await issuer.mint();
        const file = path.join(tokenDir, "token");
        fs.writeFileSync(file, `${token}\n`);
        const fromFile = await sign(charts.keyless.digest, { kind: "file", path: file });
        process.env.ACR_HELM_TEST_OIDC_TOKEN = token;
        try {
            const fromEnv = await sign(charts.keyless.digest, { kind: "environment", variable: "ACR_HELM_TEST_OIDC_TOKEN" });
            for (const bundle of [fromFile, fromEnv]) {
                const certificate = new X509Certificate(Buffer.from(bundle.verificationMaterial.certificate!.rawBytes, "base64"));
                assert.strictEqual(certificate.subjectAltName, `URI:${issuer.workflowIdentity}`);
            }
        } finally {
            delete process.env.ACR_HELM_TEST_OIDC_TOKEN;
        }

        // Fulcio refuses a token for another audience; its answer reaches the error, the token does not.
        const otherAudience = await issuer.mint("not-sigstore");
        fs.writeFileSync(file, otherAudience);
        const refused = await sign(charts.keyless.digest, { kind: "file", path: file }).then(
            () => assert.fail("Fulcio accepted a token for another audience"),
            (error: Error) => error,
        );
        assert.ok(refused instanceof KeylessSigningError, String(refused));
        assert.match(refused.message, /error creating signing certificate - \(400\) There was an error processing the identity token/);
        assert.ok(!refused.message.includes(otherAudience) && !refused.message.includes(otherAudience.split(".")[1]), refused.message);

        fs.writeFileSync(file, "not-a-jwt-but-a-secret");
        await assert.rejects(sign(charts.keyless.digest, { kind: "file", path: file }), (error: Error) => {
            assert.ok(error instanceof SigningKeyError && /is not a JWT/.test(error.message), error.message);
            return !error.message.includes("not-a-jwt-but-a-secret");
        });
        await assert.rejects(
            sign(charts.keyless.digest, { kind: "file", path: path.join(tokenDir, "missing") }),
            /cannot read the identity token file .*ENOENT/,
        );
        await assert.rejects(
            sign(charts.keyless.digest, { kind: "environment", variable: "ACR_HELM_UNSET_TOKEN" }),
            /ACR_HELM_UNSET_TOKEN is not set/,
        );
        const expired = await issuer.mint("sigstore", { exp: Math.floor(Date.now() / 1000) - 60 });
        fs.writeFileSync(file, expired);
        await assert.rejects(sign(charts.keyless.digest, { kind: "file", path: file }), /expired at/);
    });

    it("outside GitHub Actions (no ACTIONS_ID_TOKEN_REQUEST_*), the github-actions source says what the job lacks", async () => {
        const url = process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
        delete process.env.ACTIONS_ID_TOKEN_REQUEST_URL;
        try {
            await assert.rejects(
                sign(charts.keyless.digest),
                (error: Error) => error instanceof SigningKeyError && /id-token: write/.test(error.message),
            );
        } finally {
            process.env.ACTIONS_ID_TOKEN_REQUEST_URL = url;
        }
    });
});
