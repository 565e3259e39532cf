import * as assert from "assert";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { pullChart } from "../../chart/helmOci/pull";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { LocalCluster, startLocalCluster } from "../../scripts/local/kubeApiServer";
import { assertNoSecretsIn, backendFiles, KnownSecret } from "../../scripts/local/secretScanner";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { CosignKey, GpgKey, TestKeys } from "../chart/signing/testKeys";
import { CosignCli } from "../chart/signing/signedToolsSupport";
import { installedTool } from "../support/tools";
import { notationTestChain, NotationTestChain } from "../chart/signing/notation/notationCertificates";
import { NotationVerifyCli } from "../chart/signing/notation/notationVerifyCli";
import { repoRoot } from "../support/paths";
import { ConsumerProject, createConsumerProject } from "./support/consumerProject";
import { changeChartContent, PASSPHRASE, PASSWORD, USERNAME } from "./support/publicationStacks";
import { SIGNED_RELEASE_PROGRAM } from "./support/signedReleaseProgram";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

/**
 * What an unchanged `pulumi up` of the signed stack sends to the registry, reads only: the chart download verifying
 * what it installs, i.e. the version's manifest (twice), its config, chart and provenance blobs; the cosign
 * signature found as a Sigstore bundle (the Referrers API's 404, the sha256-<hex> index, the bundle's manifest and
 * blob); and the Notation signature (the manifest it must name, the referrers again, the signature's manifest and
 * its envelope blob).
 */
const UNCHANGED_UP_READS: Record<string, number> = { "blob GET": 5, "manifest GET": 7, "referrers GET": 2 };

/** A line from the middle of an armored or PEM key: how its material would show in a JSON state file. */
function keyBodyLine(armored: string): string {
    const lines = armored.split("\n").filter((line) => /^[A-Za-z0-9+/]{40,}$/.test(line));
    return lines[Math.floor(lines.length / 2)];
}

describe("signed charts in the real Pulumi engine: ChartRelease refuses unsigned and tampered charts", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let registry: TestRegistry;
    let cluster: LocalCluster;
    let consumer: ConsumerProject;
    let keys: TestKeys;
    let team: GpgKey;
    let cosign: CosignKey;
    let notation: NotationTestChain;
    let root: string;
    let workspace: PulumiWorkspace;

    /** Every secret the stacks of this suite are given, in the spellings that would give each away. */
    const stackSecrets = (): KnownSecret[] => [
        { name: "registry password", value: PASSWORD, username: USERNAME },
        { name: "cluster token", value: cluster.token },
        { name: "pgp private key", value: keyBodyLine(team.secretArmored) },
        { name: "pgp passphrase", value: team.passphrase! },
        { name: "cosign private key", value: keyBodyLine(cosign.privatePem) },
        { name: "notation private key", value: keyBodyLine(notation.keyPem) },
        { name: "stack passphrase", value: PASSPHRASE },
    ];

    /** pulumi's output (a preview's diff, a failed up's errors) holds none of the stack's secrets. */
    function assertNoSecretIn(output: string, extra: KnownSecret[] = []): void {
        assertNoSecretsIn([{ where: "pulumi's output", text: output }], [...stackSecrets(), ...extra], "pulumi's output");
    }

    async function stack(
        name: string,
        config: Record<string, string>,
        secrets: Record<string, string> = {},
    ): Promise<{ stack: PulumiStack; chartDir: string }> {
        const chartDir = path.join(root, name, "hello-acr");
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        const created = new PulumiStack(workspace, name);
        await created.init();
        const settings = {
            chartPath: chartDir,
            registry: registry.host,
            repository: name,
            registryUsername: USERNAME,
            namespace: `ns-${name}`,
            keyring: team.publicArmored,
            ...config,
        };
        for (const [key, value] of Object.entries(settings)) await created.setConfig(key, value);
        for (const [key, value] of Object.entries({ registryPassword: PASSWORD, kubeconfig: cluster.kubeconfig, ...secrets }))
            await created.setConfig(key, value, { secret: true });
        return { stack: created, chartDir };
    }

    async function helmReleaseSecrets(namespace: string): Promise<string[]> {
        const response = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/secrets`);
        if (response.status === 404) return [];
        assert.strictEqual(response.status, 200, response.body);
        return (JSON.parse(response.body) as { items: { metadata: { name: string } }[] }).items
            .map((item) => item.metadata.name)
            .filter((name) => name.startsWith("sh.helm.release."));
    }

    before(async function () {
        this.timeout(600_000);
        keys = new TestKeys();
        team = keys.gpgKey("release-team", { passphrase: "release-Team-passphrase-83" });
        cosign = keys.cosignKey("release-cosign");
        notation = notationTestChain(keys.dir, "release-notation");
        registry = await startRegistry({
            auth: "htpasswd",
            accessLog: true,
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        cluster = await startLocalCluster({ simulatedNodes: 1 });
        consumer = createConsumerProject(SIGNED_RELEASE_PROGRAM, ["@pulumi/kubernetes@4.34.2"]);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-signed-engine-"));
        workspace = new PulumiWorkspace({ projectDir: consumer.dir, backendDir: path.join(root, "state"), passphrase: PASSPHRASE });
    });

    after(async () => {
        closeSharedClients();
        consumer?.dispose();
        keys?.dispose();
        if (root) fs.rmSync(root, { recursive: true, force: true });
        await cluster?.stop();
        await registry?.stop();
    });

    describe("a chart signed by its publication", () => {
        let signed: { stack: PulumiStack; chartDir: string };
        const signingSecrets = () => ({
            pgpPrivateKey: team.secretArmored,
            pgpPassphrase: team.passphrase!,
            cosignPrivateKey: cosign.privatePem,
            notationPrivateKey: notation.keyPem,
        });

        before(async () => {
            signed = await stack(
                "signed",
                { cosignPublicKey: cosign.publicPem, notationCertificateChain: notation.chainPem, notationCertificates: notation.caPem },
                signingSecrets(),
            );
        });

        it("preview plans the signed publication offline; up verifies both signatures and installs the release", async () => {
            const requests = await RegistryRequests.start(registry);
            const preview = await signed.stack.preview();
            assert.strictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /\+ acr-helm:index:ChartPublication: \(create\)/);
            assert.match(preview.output, /signatures\s*:/);
            assertNoSecretIn(preview.output);
            assert.deepStrictEqual(await requests.settled(), [], "preview sent nothing to the registry");
            const up = await signed.stack.up();
            assert.strictEqual(up.code, 0, up.output);
            assertNoSecretIn(up.output);
            const outputs = await signed.stack.outputs();
            assert.strictEqual(outputs.releaseStatus, "deployed");
            assert.deepStrictEqual(await helmReleaseSecrets("ns-signed"), ["sh.helm.release.v1.release.v1"]);
            const pulled = await pullChart({
                registry: registry.host,
                credentials: { username: USERNAME, password: PASSWORD },
                plainHttp: true,
                repository: "signed/hello-acr",
                version: "0.1.0",
            });
            assert.strictEqual(pulled.digest, outputs.digest);
            assert.match(pulled.provenance!.toString(), /^-----BEGIN PGP SIGNED MESSAGE-----/);
            // Both cosign forms were published: cosign v3 reads the bundle referrer, and the legacy tag is there too.
            const cosignCli = new CosignCli(installedTool("cosign"), registry.host, USERNAME, PASSWORD);
            try {
                const verified = await cosignCli.verify(cosign.publicFile, `${registry.host}/signed/hello-acr@${outputs.digest}`);
                assert.strictEqual(verified.code, 0, verified.output);
                assert.match(verified.output, /https:\/\/sigstore\.dev\/cosign\/sign\/v1/);
            } finally {
                cosignCli.cleanup();
            }
            const basic = Buffer.from(`${USERNAME}:${PASSWORD}`).toString("base64");
            const legacyTag = await fetch(
                `http://${registry.host}/v2/signed/hello-acr/manifests/${String(outputs.digest).replace(":", "-")}.sig`,
                { method: "HEAD", headers: { authorization: `Basic ${basic}`, accept: "application/vnd.oci.image.manifest.v1+json" } },
            );
            assert.strictEqual(legacyTag.status, 200, "the legacy sha256-<hex>.sig signature is published too");
            // The Notation signature the publication attached: notation-go verifies it against the CA.
            const notationCli = new NotationVerifyCli(root, { username: USERNAME, password: PASSWORD });
            const checked = notationCli.verify(
                `${registry.host}/signed/hello-acr@${outputs.digest}`,
                notationCli.trust("signed", "release", [notation.caPem]),
            );
            assert.strictEqual(checked.code, 0, checked.stderr);
        });

        it("an unchanged up with the same keys does not sign again: no changes, only reads, nothing written to the registry", async () => {
            const requests = await RegistryRequests.start(registry);
            const up = await signed.stack.up(["--expect-no-changes"]);
            assert.strictEqual(up.code, 0, up.output);
            assertNoSecretIn(up.output);
            assert.deepStrictEqual(await requests.settledKinds(), UNCHANGED_UP_READS);
        });

        it("the private keys and passphrase are never in plain text in the state", async () => {
            const texts = [
                { where: "pulumi stack export", text: await signed.stack.exportState() },
                ...backendFiles(path.join(root, "state")),
            ];
            const secrets = [
                { name: "pgp private key", value: keyBodyLine(team.secretArmored) },
                { name: "pgp passphrase", value: team.passphrase! },
                { name: "cosign private key", value: keyBodyLine(cosign.privatePem) },
                { name: "registry password", value: PASSWORD, username: USERNAME },
            ];
            assertNoSecretsIn(texts, secrets, "the state");
        });

        it("a new cosign key is a visible update in preview, without re-publishing the chart", async () => {
            const newKey = keys.cosignKey("rotated-cosign");
            await signed.stack.setConfig("cosignPrivateKey", newKey.privatePem, { secret: true });
            const preview = await signed.stack.preview();
            assert.strictEqual(preview.code, 0, preview.output);
            assert.match(preview.output, /~ acr-helm:index:ChartPublication: \(update\)/);
            assert.match(preview.output, /~ signatures\s*:/);
            // The chart's manifest stays: its expected digest is listed unchanged.
            assert.match(preview.output, /\n {8}expectedDigest\s+: "sha256:[a-f0-9]{64}"\n/);
            assertNoSecretIn(preview.output, [{ name: "new cosign private key", value: keyBodyLine(newKey.privatePem) }]);
            await signed.stack.setConfig("cosignPrivateKey", cosign.privatePem, { secret: true });
        });
    });

    describe("charts that must not be installed", () => {
        it("an unsigned chart is refused before Helm installs it, naming the missing provenance", async () => {
            const unsigned = await stack("unsigned", {});
            const up = await unsigned.stack.up();
            assert.notStrictEqual(up.code, 0, up.output);
            assert.match(up.output, /has no provenance file: the chart is not signed\. The chart was not installed/);
            assertNoSecretIn(up.output);
            assert.deepStrictEqual(await helmReleaseSecrets("ns-unsigned"), []);
        });

        it("a tampered chart (other content under the signed provenance) is refused, naming the changed archive", async () => {
            const connection = { registry: registry.host, credentials: { username: USERNAME, password: PASSWORD }, plainHttp: true };
            const original = await pullChart({ ...connection, repository: "signed/hello-acr", version: "0.1.0" });
            const changedDir = path.join(root, "tampered-source", "hello-acr");
            fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), changedDir, { recursive: true });
            changeChartContent(changedDir, "tampered");
            await pushChart({
                ...connection,
                repository: "tampered/hello-acr",
                chart: { ...(await packageChart(changedDir)), provenance: original.provenance },
            });
            const tampered = await stack(
                "tampered-release",
                { releaseChart: `oci://${registry.host}/tampered/hello-acr` },
                { pgpPrivateKey: team.secretArmored, pgpPassphrase: team.passphrase! },
            );
            const up = await tampered.stack.up();
            assert.notStrictEqual(up.code, 0, up.output);
            assert.match(
                up.output,
                /lists sha256:[a-f0-9]{64}, but the chart archive is sha256:[a-f0-9]{64}: the chart was changed after it was signed/,
            );
            assertNoSecretIn(up.output);
            assert.deepStrictEqual(await helmReleaseSecrets("ns-tampered-release"), []);
        });
    });
});
