import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients, openRepository } from "../../../../chart/distribution/connection";
import type { Descriptor } from "../../../../chart/distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../../../chart/distribution/mediaTypes";
import { listReferrers } from "../../../../chart/distribution/referrers";
import { pushChart } from "../../../../chart/helmOci/push";
import { packageChart } from "../../../../chart/packaging/package";
import { notationEnvelope } from "../../../../chart/signing/notation/notationEnvelope";
import { readNotationSigner } from "../../../../chart/signing/notation/notationSigner";
import { pushNotationEnvelope, pushNotationSignature } from "../../../../chart/signing/notation/notationReferrer";
import { copyChart, removeCopy, setChartVersion } from "../../../support/chartCopies";
import { repoRoot } from "../../../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../../support/registry";
import { notationTestChain, NotationTestChain } from "./notationCertificates";
import { NotationVerifyCli } from "./notationVerifyCli";
import { resolveChart } from "../../../../chart/verify/resolveChart";
import { SignatureVerificationError } from "../../../../chart/signing/errors";
import { acrHelm } from "../../../support/cliRunner";

const CHART = path.join(repoRoot, "charts", "hello-acr");
const credentials = { username: "admin", password: DEFAULT_USERS.admin.password };
const REPOSITORY = "charts/hello-acr";

describe("Notation signatures on pushed charts, checked by notation-go (notation-verify) on a registry without the Referrers API", function () {
    this.timeout(180_000);
    let registry: TestRegistry;
    let cli: NotationVerifyCli;
    let dir: string;
    let team: NotationTestChain;
    let other: NotationTestChain;
    let changedDir: string | undefined;
    const subjects: Record<"signed" | "unsigned" | "corrupted", Descriptor> = {} as never;
    let signatureDigest: string;
    const connection = () => ({ registry: registry.host, plainHttp: true, credentials });
    const repository = () => openRepository(connection(), REPOSITORY);
    const reference = (subject: Descriptor) => `${registry.host}/${REPOSITORY}@${subject.digest}`;

    async function pushVersion(version: string): Promise<Descriptor> {
        changedDir = copyChart(CHART);
        setChartVersion(changedDir, version);
        const pushed = await pushChart({ ...connection(), chart: await packageChart(changedDir), repository: REPOSITORY });
        removeCopy(changedDir);
        changedDir = undefined;
        const manifest = await repository().getManifest(pushed.digest, "pull", ["pull"]);
        assert.ok(manifest, `manifest ${pushed.digest} not found after the push`);
        return { mediaType: OCI_MANIFEST_MEDIA_TYPE, digest: pushed.digest, size: manifest.bytes.length };
    }

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-notation-verify-"));
        cli = new NotationVerifyCli(dir, credentials);
        team = notationTestChain(dir, "team");
        other = notationTestChain(dir, "other", { keyType: "rsa-2048" });
        registry = await startRegistry({ auth: "htpasswd" });
        const signer = readNotationSigner({ certificateChain: team.chainPem, privateKey: team.keyPem });

        subjects.signed = await pushVersion("0.1.0");
        const signed = await pushNotationSignature(repository(), subjects.signed, signer);
        assert.strictEqual(signed.pushed, true);
        signatureDigest = signed.signatureDigest;

        subjects.unsigned = await pushVersion("0.2.0");

        // Corrupted: a valid envelope for 0.3.0 with one byte of its signature flipped before it is pushed.
        subjects.corrupted = await pushVersion("0.3.0");
        const envelope = notationEnvelope(subjects.corrupted, signer);
        const bytes = Buffer.from(envelope.signature, "base64url");
        bytes[10] ^= 0x01;
        await pushNotationEnvelope(repository(), subjects.corrupted, { ...envelope, signature: bytes.toString("base64url") });
    });

    after(async () => {
        closeSharedClients();
        if (changedDir) removeCopy(changedDir);
        await registry?.stop();
        if (dir) fs.rmSync(dir, { recursive: true, force: true });
    });

    it("the signature is a referrer listed in the sha256-<hex> index tag: notary artifact type, empty config, one JWS layer", async () => {
        const listed = await listReferrers(repository(), subjects.signed.digest, "application/vnd.cncf.notary.signature");
        assert.deepStrictEqual(
            listed.map((referrer) => referrer.digest),
            [signatureDigest],
        );
        const tag = await repository().getManifest(`sha256-${subjects.signed.digest.slice(7)}`, "pull", ["pull"]);
        assert.ok(tag, "the fallback index tag exists (the registry has no Referrers API)");
        const manifest = JSON.parse((await repository().getManifest(signatureDigest, "pull", ["pull"]))!.bytes.toString("utf8"));
        assert.strictEqual(manifest.artifactType, "application/vnd.cncf.notary.signature");
        assert.deepStrictEqual(manifest.config, {
            mediaType: "application/vnd.oci.empty.v1+json",
            digest: "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a",
            size: 2,
        });
        assert.deepStrictEqual(
            manifest.layers.map((layer: Descriptor) => layer.mediaType),
            ["application/jose+json"],
        );
        assert.deepStrictEqual(manifest.subject, subjects.signed);
        assert.strictEqual(JSON.parse(manifest.annotations["io.cncf.notary.x509chain.thumbprint#S256"]).length, 2);
    });

    it("pushing the stored envelope again writes nothing and names the same signature manifest", async () => {
        const manifest = JSON.parse((await repository().getManifest(signatureDigest, "pull", ["pull"]))!.bytes.toString("utf8"));
        const stored = await repository().fetchBlob(manifest.layers[0], "pull");
        const again = await pushNotationEnvelope(repository(), subjects.signed, JSON.parse(stored.toString("utf8")));
        assert.deepStrictEqual(again, { signatureDigest, pushed: false });
    });

    it("passes for the signed chart with a trust store holding the signer's CA, and prints the signature's digest", () => {
        const result = cli.verify(reference(subjects.signed), cli.trust("team", "charts", [team.caPem]));
        assert.strictEqual(result.code, 0, result.stderr);
        assert.strictEqual(result.stdout.trim(), signatureDigest);
    });

    it("fails for a chart version pushed unsigned", () => {
        const result = cli.verify(reference(subjects.unsigned), cli.trust("team", "charts", [team.caPem]));
        assert.strictEqual(result.code, 1, result.stdout);
        assert.match(result.stderr, /no signature is associated with/);
    });

    it("fails with a trust store holding another CA", () => {
        const result = cli.verify(reference(subjects.signed), cli.trust("other", "charts", [other.caPem]));
        assert.strictEqual(result.code, 1, result.stdout);
        assert.match(result.stderr, /certificate chain does not contain any trusted certificate/);
    });

    it("fails when the envelope's signature was corrupted before the push", () => {
        const result = cli.verify(reference(subjects.corrupted), cli.trust("team", "charts", [team.caPem]));
        assert.strictEqual(result.code, 1, result.stdout);
        assert.match(result.stderr, /signature is invalid/);
    });

    it("the package's own verify.notationCertificates (releases, getChart) and acr-helm verify --notation-ca agree", async () => {
        const lookup = (caPem: string) =>
            resolveChart({
                chart: `oci://${registry.host}/${REPOSITORY}`,
                version: "0.1.0",
                plainHttp: true,
                credentials,
                verify: { notationCertificates: caPem },
            });
        assert.match((await lookup(team.caPem)).verified.notationSigner ?? "", /CN=/);
        await assert.rejects(
            lookup(other.caPem),
            (error: Error) => error instanceof SignatureVerificationError && error.kind === "notation",
        );
        const caFile = path.join(dir, "team-ca.pem");
        fs.writeFileSync(caFile, team.caPem);
        const env = { ACR_HELM_USERNAME: credentials.username, ACR_HELM_PASSWORD: credentials.password };
        const good = await acrHelm(
            ["verify", `oci://${registry.host}/${REPOSITORY}`, "--version", "0.1.0", "--plain-http", "--notation-ca", caFile],
            "",
            env,
        );
        assert.strictEqual(good.code, 0, good.stderr);
        assert.match(good.stdout, new RegExp(`Notation signature verified for .*: ${signatureDigest}`));
        const unsigned = await acrHelm(
            ["verify", `oci://${registry.host}/${REPOSITORY}`, "--version", "0.2.0", "--plain-http", "--notation-ca", caFile],
            "",
            env,
        );
        assert.strictEqual(unsigned.code, 1, unsigned.stdout);
    });
});
