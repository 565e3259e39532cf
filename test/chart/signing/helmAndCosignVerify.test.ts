import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { packageChart } from "../../../chart/packaging/package";
import { readCosignSigningKey } from "../../../chart/signing/cosign/cosignKeys";
import { pushCosignSignature } from "../../../chart/signing/cosign/cosignRegistry";
import { signCosignPayload } from "../../../chart/signing/cosign/cosignSignature";
import { changeChartContent } from "../../engine/support/publicationStacks";
import { copyChart, removeCopy } from "../../support/chartCopies";
import { repoRoot } from "../../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../../support/registry";
import { RegistryRequests } from "../../../scripts/local/registryRequests";
import { HelmCli, installedHelm } from "../oci/helmCli";
import { installedTool } from "../../support/tools";
import { acrHelm, CosignCli } from "./signedToolsSupport";
import { CosignKey, GpgKey, TestKeys } from "./testKeys";

const CHART = path.join(repoRoot, "charts", "hello-acr");
const USER = "admin";
const PASSWORD = DEFAULT_USERS.admin.password;

describe("signed charts: acr-helm push --sign/--cosign-key, checked by helm pull --verify (Helm 3 and 4) and cosign verify", function () {
    this.timeout(300_000);
    let registry: TestRegistry;
    let keys: TestKeys;
    let team: GpgKey;
    let other: GpgKey;
    let cosignKey: CosignKey;
    let otherCosign: CosignKey;
    let helms: { name: string; cli: HelmCli }[];
    const env = () => ({ ACR_HELM_USERNAME: USER, ACR_HELM_PASSWORD: PASSWORD });
    const ref = (namespace: string) => `oci://${registry.host}/${namespace}/hello-acr`;
    const digests: Record<string, string> = {};
    let changedDir: string | undefined;

    function pushSigned(namespace: string, gpg: GpgKey, cosign: CosignKey, chartDir = CHART) {
        const args = [
            "push",
            chartDir,
            `oci://${registry.host}/${namespace}`,
            "--plain-http",
            "--sign",
            "--key",
            gpg.secretFile,
            "--cosign-key",
            cosign.privateFile,
        ];
        const pushed = acrHelm(gpg.passphraseFile ? [...args, "--key-passphrase-file", gpg.passphraseFile] : args, env());
        assert.strictEqual(pushed.code, 0, pushed.stderr);
        return pushed;
    }

    before(async function () {
        this.timeout(300_000);
        installedHelm();
        const helm4 = installedTool("helm4");
        keys = new TestKeys();
        team = keys.gpgKey("team", { passphrase: "team-Passphrase-4b1" });
        other = keys.gpgKey("other", { type: "ed25519" });
        cosignKey = keys.cosignKey("cosign");
        otherCosign = keys.cosignKey("other-cosign");
        registry = await startRegistry({ auth: "htpasswd", accessLog: true });
        helms = [
            { name: "Helm 3", cli: new HelmCli() },
            { name: "Helm 4", cli: new HelmCli(helm4) },
        ];
        await helms[0].cli.run(["registry", "login", registry.host, "--username", USER, "--password-stdin", "--insecure"], PASSWORD);
        await helms[1].cli.run(["registry", "login", registry.host, "--username", USER, "--password-stdin", "--plain-http"], PASSWORD);

        const signed = pushSigned("signed", team, cosignKey);
        digests.signed = /Digest: (sha256:[a-f0-9]{64})/.exec(signed.stdout)![1];
        pushSigned("other-key", other, otherCosign);
        const unsigned = acrHelm(["push", CHART, `oci://${registry.host}/unsigned`, "--plain-http"], env());
        assert.strictEqual(unsigned.code, 0, unsigned.stderr);
        digests.unsigned = /Digest: (sha256:[a-f0-9]{64})/.exec(unsigned.stdout)![1];

        // Tampered: other chart content under the signed chart's provenance file and cosign signature.
        const connection = { registry: registry.host, credentials: { username: USER, password: PASSWORD }, plainHttp: true };
        const original = await pullChart({ ...connection, repository: "signed/hello-acr", version: "0.1.0" });
        changedDir = copyChart(CHART);
        changeChartContent(changedDir, "tampered");
        const changed = await packageChart(changedDir);
        const tampered = await pushChart({
            ...connection,
            repository: "tampered/hello-acr",
            chart: { ...changed, provenance: original.provenance },
        });
        digests.tampered = tampered.digest;
        const copiedSignature = signCosignPayload(
            `${registry.host}/signed/hello-acr`,
            digests.signed,
            readCosignSigningKey(cosignKey.privatePem, undefined, "k"),
        );
        await pushCosignSignature({ ...connection, repository: "tampered/hello-acr", manifestDigest: tampered.digest }, copiedSignature);
    });

    after(async () => {
        closeSharedClients();
        for (const helm of helms ?? []) helm.cli.cleanup();
        keys?.dispose();
        if (changedDir) removeCopy(changedDir);
        await registry?.stop();
    });

    it("push --sign adds the provenance layer and prints who signed; the cosign signature lands under sha256-<hex>.sig", async () => {
        const pulled = await pullChart({
            registry: registry.host,
            credentials: { username: USER, password: PASSWORD },
            plainHttp: true,
            repository: "signed/hello-acr",
            version: "0.1.0",
        });
        assert.match(pulled.provenance!.toString(), /^-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n/);
        const again = pushSigned("signed", team, cosignKey);
        assert.match(again.stdout, new RegExp(`Provenance: signed by key ${team.fingerprint} \\(team <${team.email}>\\)`));
        assert.match(
            again.stdout,
            new RegExp(`Cosign signature: ${registry.host}/signed/hello-acr:${digests.signed.replace(":", "-")}\\.sig \\(already there\\)`),
        );
    });

    it("pushing the unchanged chart with the same keys again keeps the digest and only reads: no write reaches the registry", async () => {
        const requests = await RegistryRequests.start(registry);
        const again = pushSigned("signed", team, cosignKey);
        assert.ok(again.stdout.includes(`Digest: ${digests.signed}`), again.stdout);
        // Reads only: the tag's manifest, its three blobs (config, chart, provenance) to compare; the referrers
        // (the API's 404, the sha256-<hex> index, the bundle's manifest and blob) to find the bundle by this key;
        // and the legacy signature's manifest under sha256-<hex>.sig.
        assert.deepStrictEqual(await requests.settledKinds(), {
            "blob GET": 4,
            "manifest GET": 5,
            "manifest HEAD": 1,
            "referrers GET": 1,
        });
    });

    for (const helmIndex of [0, 1]) {
        it(`${helmIndex === 0 ? "Helm 3" : "Helm 4"}: helm pull --verify accepts the signed chart, and helm verify the pulled archive`, async () => {
            const { cli } = helms[helmIndex];
            const dir = path.join(cli.home, "pulled-signed");
            fs.mkdirSync(dir, { recursive: true });
            const out = await cli.run([
                "pull",
                ref("signed"),
                "--version",
                "0.1.0",
                "--verify",
                "--keyring",
                team.publicKeyringFile,
                "--plain-http",
                "-d",
                dir,
            ]);
            assert.match(out, new RegExp(`Signed by: team <${team.email}>`));
            assert.match(out, new RegExp(`Using Key With Fingerprint: ${team.fingerprint}`));
            const chartDigest = (await packageChart(CHART)).chartDigest;
            assert.match(out, new RegExp(`Chart Hash Verified: ${chartDigest}`));
            assert.ok(fs.existsSync(path.join(dir, "hello-acr-0.1.0.tgz.prov")));
            const verified = await cli.run(["verify", "--keyring", team.publicKeyringFile, path.join(dir, "hello-acr-0.1.0.tgz")]);
            assert.match(verified, /Chart Hash Verified/);
        });

        it(`${helmIndex === 0 ? "Helm 3" : "Helm 4"}: helm pull --verify refuses the unsigned, the tampered and the other key's chart`, async () => {
            const { cli } = helms[helmIndex];
            const pull = (namespace: string) => {
                const dir = path.join(cli.home, `pulled-${namespace}`);
                fs.mkdirSync(dir, { recursive: true });
                return cli.run([
                    "pull",
                    ref(namespace),
                    "--version",
                    "0.1.0",
                    "--verify",
                    "--keyring",
                    team.publicKeyringFile,
                    "--plain-http",
                    "-d",
                    dir,
                ]);
            };
            await assert.rejects(pull("unsigned"), /failed to fetch provenance/);
            await assert.rejects(pull("tampered"), /sha256 sum does not match/);
            await assert.rejects(pull("other-key"), /signature made by unknown entity/);
        });
    }

    it("acr-helm verify prints who signed the chart, and exits 1 for the unsigned, tampered and other key's charts", () => {
        const args = (namespace: string) => [
            "verify",
            ref(namespace),
            "--version",
            "0.1.0",
            "--keyring",
            team.publicKeyringFile,
            "--cosign-pub",
            cosignKey.publicFile,
            "--plain-http",
        ];
        const good = acrHelm(args("signed"), env());
        assert.strictEqual(good.code, 0, good.stderr);
        assert.match(
            good.stdout,
            new RegExp(`Signed by: team <${team.email}>\\nUsing Key With Fingerprint: ${team.fingerprint}\\nChart Hash Verified: sha256:`),
        );
        assert.match(good.stdout, /Cosign signature verified for 127\.0\.0\.1:\d+\/signed\/hello-acr@sha256:/);
        const expectations: Record<string, RegExp> = {
            unsigned: /has no provenance file: the chart is not signed/,
            tampered: /the chart was changed after it was signed/,
            "other-key": /does not verify with the keyring/,
        };
        for (const [namespace, message] of Object.entries(expectations)) {
            const refused = acrHelm(args(namespace), env());
            assert.strictEqual(refused.code, 1, `${namespace}: ${refused.stdout}`);
            assert.match(refused.stderr, message);
        }
        const cosignOnly = acrHelm(
            ["verify", ref("tampered"), "--version", "0.1.0", "--cosign-pub", cosignKey.publicFile, "--plain-http"],
            env(),
        );
        assert.strictEqual(cosignOnly.code, 1);
        assert.match(cosignOnly.stderr, /is signed by this key but for "sha256:[a-f0-9]{64}", not this digest/);
    });

    it("cosign verify (transparency log off) accepts the signed chart and refuses the unsigned, tampered and other key's charts", async () => {
        const cosign = new CosignCli(installedTool("cosign"), registry.host, USER, PASSWORD);
        try {
            const good = await cosign.verify(cosignKey.publicFile, `${registry.host}/signed/hello-acr@${digests.signed}`);
            assert.strictEqual(good.code, 0, good.output);
            assert.match(good.output, /The signatures were verified against the specified public key/);
            assert.ok(good.output.includes(`"docker-manifest-digest":"${digests.signed}"`), good.output);
            const byTag = await cosign.verify(cosignKey.publicFile, `${registry.host}/signed/hello-acr:0.1.0`);
            assert.strictEqual(byTag.code, 0, byTag.output);
            const refusals: [string, string, RegExp][] = [
                [cosignKey.publicFile, `${registry.host}/unsigned/hello-acr@${digests.unsigned}`, /no signatures found/],
                // The signed chart's signature copied to other content: valid signature, wrong digest in its claim.
                [
                    cosignKey.publicFile,
                    `${registry.host}/tampered/hello-acr@${digests.tampered}`,
                    /no matching signatures: invalid or missing digest in claim/,
                ],
                // The chart carries a Sigstore bundle, which cosign v3 checks instead of the legacy form.
                [otherCosign.publicFile, `${registry.host}/signed/hello-acr@${digests.signed}`, /no matching attestations/],
            ];
            for (const [publicKey, reference, message] of refusals) {
                const refused = await cosign.verify(publicKey, reference);
                assert.notStrictEqual(refused.code, 0, `${reference} was accepted: ${refused.output}`);
                assert.match(refused.output, message);
            }
        } finally {
            cosign.cleanup();
        }
    });

    it("a key made by cosign generate-key-pair (cosign's encrypted format) signs charts that cosign verify accepts", async () => {
        const binary = installedTool("cosign");
        const generated = keys.cosignGeneratedKey(binary, "generated", "generated-Cosign-pass-2");
        const args = ["push", CHART, `oci://${registry.host}/cosign-generated`, "--plain-http", "--cosign-key", generated.privateFile];
        const wrong = acrHelm([...args, "--cosign-passphrase-file", team.passphraseFile!], env());
        assert.strictEqual(wrong.code, 1);
        assert.match(wrong.stderr, /--cosign-key .*generated\.key: could not be decrypted: the passphrase is wrong/);
        const pushed = acrHelm([...args, "--cosign-passphrase-file", generated.passphraseFile], env());
        assert.strictEqual(pushed.code, 0, pushed.stderr);
        const digest = /Digest: (sha256:[a-f0-9]{64})/.exec(pushed.stdout)![1];
        const cosign = new CosignCli(binary, registry.host, USER, PASSWORD);
        try {
            const verified = await cosign.verify(generated.publicFile, `${registry.host}/cosign-generated/hello-acr@${digest}`);
            assert.strictEqual(verified.code, 0, verified.output);

            // cosign itself adds a second signature to a chart this package signed: both keys verify, and a repeated
            // push keeps the other signer's layer.
            const signedByCosign = await cosign.sign(
                generated.privateFile,
                "generated-Cosign-pass-2",
                `${registry.host}/signed/hello-acr@${digests.signed}`,
                "legacy",
            );
            assert.strictEqual(signedByCosign.code, 0, signedByCosign.output);
            pushSigned("signed", team, cosignKey);
            for (const publicKey of [generated.publicFile, cosignKey.publicFile]) {
                const both = acrHelm(["verify", ref("signed"), "--version", "0.1.0", "--cosign-pub", publicKey, "--plain-http"], env());
                assert.strictEqual(both.code, 0, both.stderr);
            }
        } finally {
            cosign.cleanup();
        }
    });

    it("the signed message is what helm package --sign writes for the same chart, apart from the archive's checksum", async () => {
        const dir = path.join(helms[0].cli.home, "helm-signed");
        await helms[0].cli.run([
            "package",
            "--sign",
            "--key",
            "team",
            "--keyring",
            team.secretKeyringFile,
            "--passphrase-file",
            team.passphraseFile!,
            "-d",
            dir,
            CHART,
        ]);
        const ours = (
            await pullChart({
                registry: registry.host,
                credentials: { username: USER, password: PASSWORD },
                plainHttp: true,
                repository: "signed/hello-acr",
                version: "0.1.0",
            })
        ).provenance!.toString();
        const signedText = (prov: string) =>
            prov.slice(0, prov.indexOf("-----BEGIN PGP SIGNATURE-----")).replace(/sha256:[a-f0-9]{64}/, "sha256:<archive>");
        assert.strictEqual(signedText(ours), signedText(fs.readFileSync(path.join(dir, "hello-acr-0.1.0.tgz.prov"), "utf8")));
    });
});
