import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { HelmCli, installedHelm } from "../chart/oci/helmCli";
import { CosignCli } from "../chart/signing/signedToolsSupport";
import { installedTool } from "../support/tools";
import { GpgKey, CosignKey, TestKeys } from "../chart/signing/testKeys";
import { acrHelm } from "../support/cliRunner";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import * as os from "os";
import { createPublicKey } from "crypto";
import { RegistryClient } from "../../chart/distribution/client";
import { descriptorOf } from "../../chart/distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../../chart/distribution/mediaTypes";
import { Repository } from "../../chart/distribution/repository";
import { readNotationSigner } from "../../chart/signing/notation/notationSigner";
import { pushNotationSignature } from "../../chart/signing/notation/notationReferrer";
import { verifyBundleSignature } from "../../chart/signing/sigstore/bundleReferrers";
import { notationTestChain, NotationTestChain } from "../chart/signing/notation/notationCertificates";
import { NotationVerifyCli } from "../chart/signing/notation/notationVerifyCli";

const admin = { username: "admin", password: DEFAULT_USERS.admin.password };
const env = { ACR_HELM_USERNAME: admin.username, ACR_HELM_PASSWORD: admin.password };

describe("a chart signed by acr-helm push (and with Notation) stays verifiable after acr-helm copy (real cosign, Helm, notation-go)", function () {
    this.timeout(300_000);
    let dev: TestRegistry;
    let prod: TestRegistry;
    let keys: TestKeys;
    let team: GpgKey;
    let cosignKey: CosignKey;
    let digest: string;
    let notationDir: string;
    let notationChain: NotationTestChain;
    const clients: RegistryClient[] = [];
    const repositoryOn = (registry: TestRegistry, name: string) => {
        const client = new RegistryClient({ registry: registry.host, plainHttp: true, credentials: admin });
        clients.push(client);
        return new Repository(client, name);
    };

    /** acr-helm copy of dev/hello-acr 0.1.0, pinned by digest, to prod. */
    const copyToProd = () =>
        acrHelm(
            [
                "copy",
                `oci://${dev.host}/dev/hello-acr`,
                "--version",
                "0.1.0",
                "--digest",
                digest,
                `oci://${prod.host}/prod`,
                "--plain-http",
            ],
            "",
            env,
        );

    before(async () => {
        installedHelm();
        [dev, prod] = await Promise.all([startRegistry({ auth: "htpasswd" }), startRegistry({ auth: "htpasswd" })]);
        keys = new TestKeys();
        team = keys.gpgKey("team", { type: "ed25519" });
        cosignKey = keys.cosignKey("cosign");
        const chart = path.join(repoRoot, "charts", "hello-acr");
        const pushed = await acrHelm(
            [
                "push",
                chart,
                `oci://${dev.host}/dev`,
                "--plain-http",
                "--sign",
                "--key",
                team.secretFile,
                "--cosign-key",
                cosignKey.privateFile,
            ],
            "",
            env,
        );
        assert.strictEqual(pushed.code, 0, pushed.stderr);
        digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1];
        notationDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-copy-notation-"));
        notationChain = notationTestChain(notationDir, "team");
        const source = repositoryOn(dev, "dev/hello-acr");
        const manifest = await source.getManifest(digest, "pull", ["pull"]);
        const signer = readNotationSigner({ certificateChain: notationChain.chainPem, privateKey: notationChain.keyPem });
        await pushNotationSignature(source, descriptorOf(OCI_MANIFEST_MEDIA_TYPE, manifest!.bytes), signer);
        const copied = await copyToProd();
        assert.strictEqual(copied.code, 0, copied.stderr);
        assert.match(copied.stdout, new RegExp(`Digest: ${digest}\\n[^]*Signature ${digest.replace(":", "-")}\\.sig: copied`));
        assert.match(copied.stdout, /Signature application\/vnd\.dev\.sigstore\.bundle\.v0\.3\+json@sha256:[a-f0-9]{64}: copied/);
        assert.match(copied.stdout, /Signature application\/vnd\.cncf\.notary\.signature@sha256:[a-f0-9]{64}: copied/);
    });
    after(async () => {
        closeSharedClients();
        clients.forEach((client) => client.close());
        if (notationDir) fs.rmSync(notationDir, { recursive: true, force: true });
        keys?.dispose();
        await Promise.all([dev?.stop(), prod?.stop()]);
    });

    it("cosign verify accepts the copy at the destination with the same key", async () => {
        const cosign = new CosignCli(installedTool("cosign"), prod.host, admin.username, admin.password);
        try {
            const verified = await cosign.verify(cosignKey.publicFile, `${prod.host}/prod/hello-acr:0.1.0`);
            assert.strictEqual(verified.code, 0, verified.output);
            assert.ok(verified.output.includes(`"docker-manifest-digest":"${digest}"`), verified.output);
        } finally {
            cosign.cleanup();
        }
    });

    it("the Sigstore bundle referrer verifies at the destination (our verifier, and cosign v3 above read it first)", async () => {
        const referrer = await verifyBundleSignature(repositoryOn(prod, "prod/hello-acr"), digest, {
            kind: "key",
            publicKey: createPublicKey(cosignKey.publicPem),
        });
        assert.match(referrer, /^sha256:[a-f0-9]{64}$/);
    });

    it("notation-go verifies the Notation signature at the destination", () => {
        const cli = new NotationVerifyCli(notationDir, admin);
        const verified = cli.verify(`${prod.host}/prod/hello-acr@${digest}`, cli.trust("prod", "team", [notationChain.caPem]));
        assert.strictEqual(verified.code, 0, verified.stderr);
    });

    it("a copy again finds every signature present and writes nothing new", async () => {
        const again = await copyToProd();
        assert.strictEqual(again.code, 0, again.stderr);
        assert.doesNotMatch(again.stdout, /: copied/);
        assert.strictEqual((again.stdout.match(/: already there/g) ?? []).length, 3, again.stdout);
    });

    it("helm pull --verify accepts the copy's provenance file at the destination", async () => {
        const helm = new HelmCli();
        try {
            await helm.run(["registry", "login", prod.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
            const out = await helm.run([
                "pull",
                `oci://${prod.host}/prod/hello-acr`,
                "--version",
                "0.1.0",
                "--verify",
                "--keyring",
                team.publicKeyringFile,
                "--plain-http",
                "-d",
                helm.home,
            ]);
            assert.match(out, /Signed by: team/);
            assert.ok(fs.existsSync(path.join(helm.home, "hello-acr-0.1.0.tgz.prov")));
        } finally {
            helm.cleanup();
        }
    });
});
