import * as assert from "assert";
import { generateKeyPairSync } from "crypto";
import * as openpgp from "openpgp";
import { readPgpKeyring } from "../../chart/signing/provenance/pgpKeys";
import { PlatformRun, runPlatform, types } from "./platformMocks";

describe("AcrHelmPlatform with signing keys: signs the chart and verifies the release with the public halves", function () {
    this.timeout(60000);
    let run: PlatformRun;
    let pgpFingerprint: string;
    let cosignPublic: string;
    let signing: { pgpPrivateKey: string; pgpPassphrase: string; cosignPrivateKey: string };

    before(async () => {
        const generated = await openpgp.generateKey({
            userIDs: [{ name: "Platform Charts", email: "charts@example.com" }],
            passphrase: "platform-pass-5d",
        });
        pgpFingerprint = (await openpgp.readKey({ armoredKey: generated.publicKey })).getFingerprint().toUpperCase();
        const cosign = generateKeyPairSync("ec", { namedCurve: "P-256" });
        cosignPublic = cosign.publicKey.export({ type: "spki", format: "pem" }).toString();
        signing = {
            pgpPrivateKey: generated.privateKey,
            pgpPassphrase: "platform-pass-5d",
            cosignPrivateKey: cosign.privateKey.export({ type: "pkcs8", format: "pem" }).toString(),
        };
        run = await runPlatform("signed", { registry: { registryName: "acrhelmsigned01" }, chart: { signing } });
    });

    it("hands the keys to the chart artifact as a secret", () => {
        const artifact = run.mocks.one(types.chartArtifact);
        assert.deepStrictEqual(artifact.inputs.signing, signing);
        assert.ok(artifact.secretPaths.includes("signing"), `secret paths: ${artifact.secretPaths.join(", ")}`);
    });

    it("the release's download verifies with the public halves, which are not secret", async () => {
        const download = run.mocks.one(types.chartDownload);
        const keyring = await readPgpKeyring(download.inputs.verify.keyring, "keyring");
        assert.strictEqual(keyring[0].getFingerprint().toUpperCase(), pgpFingerprint);
        assert.ok(!download.inputs.verify.keyring.includes("PRIVATE KEY"));
        assert.strictEqual(download.inputs.verify.cosignPublicKey, cosignPublic);
        assert.ok(!download.secretPaths.some((p) => p.startsWith("verify")), `secret paths: ${download.secretPaths.join(", ")}`);
    });

    it("without signing keys nothing is signed and nothing is verified", async () => {
        const unsigned = await runPlatform("plain", { registry: { registryName: "acrhelmplain01" } });
        assert.strictEqual(unsigned.mocks.one(types.chartArtifact).inputs.signing, undefined);
        assert.strictEqual(unsigned.mocks.one(types.chartDownload).inputs.verify, undefined);
    });
});
