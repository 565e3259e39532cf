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

const admin = { username: "admin", password: DEFAULT_USERS.admin.password };
const env = { ACR_HELM_USERNAME: admin.username, ACR_HELM_PASSWORD: admin.password };

describe("a chart signed by acr-helm push stays verifiable after acr-helm copy (real cosign and Helm)", function () {
    this.timeout(300_000);
    let dev: TestRegistry;
    let prod: TestRegistry;
    let keys: TestKeys;
    let team: GpgKey;
    let cosignKey: CosignKey;
    let digest: string;

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
        const copied = await acrHelm(
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
        assert.strictEqual(copied.code, 0, copied.stderr);
        assert.match(copied.stdout, new RegExp(`Digest: ${digest}\\n[^]*Signature ${digest.replace(":", "-")}\\.sig: copied`));
    });
    after(async () => {
        closeSharedClients();
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
