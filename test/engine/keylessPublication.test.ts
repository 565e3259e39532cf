import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { LocalFulcio, startFulcio } from "../../scripts/local/fulcio";
import { LocalOidcIssuer } from "../../scripts/local/oidcIssuer";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { PulumiStack } from "../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { LocalTimestampAuthority, startTimestampAuthority } from "../../scripts/local/timestampAuthority";
import { assertNoSecretsIn } from "../../scripts/local/secretScanner";
import { CosignKeyless } from "../chart/signing/keylessSupport";
import { repoRoot } from "../support/paths";
import { installedTool } from "../support/tools";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { ConsumerProject, createConsumerProject } from "./support/consumerProject";
import { PASSPHRASE, PASSWORD, USERNAME } from "./support/publicationStacks";

const PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import { ChartPublication } from "pulumi-acr-helm";

const config = new pulumi.Config();
const publication = new ChartPublication("chart", {
    chartPath: config.require("chartPath"),
    loginServer: config.require("registry"),
    namespace: "keyless",
    credentials: { username: config.require("registryUsername"), password: config.requireSecret("registryPassword") },
    plainHttp: true,
    provenance: false,
    signing: {
        keyless: {
            identityToken: { kind: "file", path: config.require("oidcPath") },
            fulcioUrl: config.require("fulcioUrl"),
            timestampAuthorityUrl: config.require("tsaUrl"),
        },
    },
});
export const digest = publication.digest;
export const version = publication.version;
`;

/** A pass-through proxy in front of Fulcio that counts the requests it forwards. */
async function countingProxy(target: string): Promise<{ url: string; requests: () => number; stop: () => Promise<void> }> {
    const upstream = new URL(target);
    let requests = 0;
    const server = http.createServer((req, res) => {
        requests++;
        const forwarded = http.request(
            { host: upstream.hostname, port: upstream.port, path: req.url, method: req.method, headers: req.headers },
            (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
            },
        );
        forwarded.on("error", () => res.writeHead(502).end());
        req.pipe(forwarded);
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    return {
        url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
        requests: () => requests,
        stop: async () => {
            server.closeAllConnections();
            await new Promise<void>((resolve) => server.close(() => resolve()));
        },
    };
}

describe("keyless signing of a ChartPublication in the real Pulumi engine", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    let registry: TestRegistry;
    let issuer: LocalOidcIssuer;
    let fulcio: LocalFulcio;
    let proxy: Awaited<ReturnType<typeof countingProxy>>;
    let tsa: LocalTimestampAuthority;
    let cosign: CosignKeyless;
    let trustedRoot: string;
    let consumer: ConsumerProject;
    let root: string;
    let stack: PulumiStack;
    let token: string;

    before(async function () {
        this.timeout(600_000);
        registry = await startRegistry({
            auth: "htpasswd",
            users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push", "delete"] } },
        });
        issuer = new LocalOidcIssuer();
        await issuer.start();
        fulcio = await startFulcio({ issuerUrl: issuer.url });
        proxy = await countingProxy(fulcio.url);
        tsa = await startTimestampAuthority();
        cosign = new CosignKeyless(installedTool("cosign"), registry.host, USERNAME, PASSWORD);
        trustedRoot = await cosign.trustedRoot(fulcio.url, fulcio.rootCertFile, { url: tsa.url, chainFile: tsa.chainFile });
        consumer = createConsumerProject(PROGRAM);
        root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-keyless-engine-"));
        const workspace = new PulumiWorkspace({ projectDir: consumer.dir, backendDir: path.join(root, "state"), passphrase: PASSPHRASE });
        const chartDir = path.join(root, "hello-acr");
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        const tokenFile = path.join(root, "oidc-token");
        token = await issuer.mint("sigstore", {}, 1800);
        fs.writeFileSync(tokenFile, token);
        stack = new PulumiStack(workspace, "keyless");
        await stack.init();
        const settings = {
            chartPath: chartDir,
            registry: registry.host,
            registryUsername: USERNAME,
            oidcPath: tokenFile,
            fulcioUrl: proxy.url,
            tsaUrl: tsa.url,
        };
        for (const [key, value] of Object.entries(settings)) await stack.setConfig(key, value);
        await stack.setConfig("registryPassword", PASSWORD, { secret: true });
    });

    after(async () => {
        closeSharedClients();
        consumer?.dispose();
        cosign?.cleanup();
        if (root) fs.rmSync(root, { recursive: true, force: true });
        await tsa?.stop();
        await proxy?.stop();
        await fulcio?.stop();
        await issuer?.stop();
        await registry?.stop();
    });

    it("preview asks no one; up pushes and signs; cosign verify accepts the bundle; an unchanged preview and up ask Fulcio nothing", async () => {
        const preview = await stack.preview();
        assert.strictEqual(preview.code, 0, preview.output);
        assert.match(preview.output, /\+ acr-helm:index:ChartPublication: \(create\)/);
        assert.strictEqual(proxy.requests(), 0, "preview asks Fulcio nothing");

        const up = await stack.up();
        assert.strictEqual(up.code, 0, up.output);
        const signedWith = proxy.requests();
        assert.ok(signedWith >= 1, "up asked Fulcio for a certificate");
        const { digest } = await stack.outputs();
        assert.match(String(digest), /^sha256:[a-f0-9]{64}$/);
        const verified = await cosign.run([
            "verify",
            `--trusted-root=${trustedRoot}`,
            `--certificate-identity=${issuer.workflowIdentity}`,
            `--certificate-oidc-issuer=${issuer.url}`,
            "--insecure-ignore-tlog=true",
            "--insecure-ignore-sct=true",
            "--use-signed-timestamps=true",
            "--allow-http-registry",
            `${registry.host}/keyless/hello-acr@${String(digest)}`,
        ]);
        assert.strictEqual(verified.code, 0, verified.output);

        const state = await stack.exportState();
        const resource = (
            JSON.parse(state) as {
                deployment: { resources: { type: string; outputs: { signatures?: { keyless?: Record<string, unknown> } } }[] };
            }
        ).deployment.resources.find((entry) => entry.type === "acr-helm:index:ChartPublication");
        const keyless = resource?.outputs.signatures?.keyless;
        assert.strictEqual(keyless?.manifestDigest, digest);
        assert.strictEqual(keyless?.certificateIdentity, issuer.workflowIdentity);
        assert.strictEqual(keyless?.certificateIssuer, issuer.url);
        assertNoSecretsIn([{ where: "the stack's state", text: state }], [{ name: "OIDC token", value: token }], "the stack's state");

        const again = await stack.preview(["--expect-no-changes"]);
        assert.strictEqual(again.code, 0, again.output);
        const unchanged = await stack.up(["--expect-no-changes"]);
        assert.strictEqual(unchanged.code, 0, unchanged.output);
        assert.strictEqual(proxy.requests(), signedWith, "an unchanged preview and up ask Fulcio nothing");
    });
});
