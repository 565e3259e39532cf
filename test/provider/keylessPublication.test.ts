import * as assert from "assert";
import * as fs from "fs";
import * as http from "http";
import { AddressInfo } from "net";
import * as os from "os";
import * as path from "path";
import { ChartPublication } from "../../components/publication";
import { closeSharedClients, openRepository } from "../../chart/distribution/connection";
import { listReferrers } from "../../chart/distribution/referrers";
import { resolveTag } from "../../chart/helmOci/manage";
import type { KeylessDue, KeylessRecord, SignatureRecords } from "../../chart/signing/signaturePlan";
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from "../../chart/signing/sigstore/bundleSignature";
import { resolveChart } from "../../chart/verify/resolveChart";
import { LocalFulcio, startFulcio } from "../../scripts/local/fulcio";
import { LocalOidcIssuer } from "../../scripts/local/oidcIssuer";
import { LocalTimestampAuthority, startTimestampAuthority } from "../../scripts/local/timestampAuthority";
import { CosignKeyless } from "../chart/signing/keylessSupport";
import { copyChart, removeCopy, setChartVersion } from "../support/chartCopies";
import { installMocks } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { installedTool } from "../support/tools";
import { asTheEngineSends, PluginResource, pluginResource } from "./pluginResource";

const PUBLICATION_TYPE = "acr-helm:index:ChartPublication";
const ACTIONS_VARIABLES = ["ACTIONS_ID_TOKEN_REQUEST_URL", "ACTIONS_ID_TOKEN_REQUEST_TOKEN"];
const USER = "admin";
const PASSWORD = DEFAULT_USERS.admin.password;

type Props = Record<string, unknown>;

/** A pass-through proxy in front of Fulcio that counts the requests it forwards. */
class CountingProxy {
    requests = 0;
    url = "";
    private server?: http.Server;

    async start(target: string): Promise<void> {
        const upstream = new URL(target);
        this.server = http.createServer((req, res) => {
            this.requests++;
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
        await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    }

    async stop(): Promise<void> {
        if (!this.server) return;
        this.server.closeAllConnections();
        await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    }
}

describe("ChartPublication signing.keyless through the provider plugin: local registry, Fulcio, OIDC issuer and TSA", function () {
    this.timeout(300_000);
    let registry: TestRegistry;
    let issuer: LocalOidcIssuer;
    let fulcio: LocalFulcio;
    let proxy: CountingProxy;
    let tsa: LocalTimestampAuthority;
    let cosign: CosignKeyless;
    let trustedRoot: string;
    let chartDir: string;
    let tokenDir: string;
    let provider: PluginResource;
    let declared: Props;
    const saved: Record<string, string | undefined> = {};
    const credentials = { username: USER, password: PASSWORD };
    const connection = () => ({ registry: registry.host, credentials, plainHttp: true });
    /** What the engine keeps between deployments: the inputs check returned, and the outputs create or update returned. */
    let state: { id: string; inputs: Props; outs: Props };

    /** Fulcio requests and Actions token requests so far. */
    const asked = () => ({ fulcio: proxy.requests, tokens: issuer.actionsRequests.length });

    const keylessOf = (props: Props) => (props.signatures as SignatureRecords).keyless;

    /** Sigstore bundle referrers of a manifest in charts/hello-acr. */
    const bundleReferrers = async (digest: string) =>
        listReferrers(openRepository(connection(), "charts/hello-acr"), digest, SIGSTORE_BUNDLE_MEDIA_TYPE);

    /** `cosign verify` of charts/hello-acr@digest: the workflow identity, the local issuer, the signed timestamp. */
    async function cosignVerify(digest: string) {
        return cosign.run([
            "verify",
            `--trusted-root=${trustedRoot}`,
            `--certificate-identity=${issuer.workflowIdentity}`,
            `--certificate-oidc-issuer=${issuer.url}`,
            "--insecure-ignore-tlog=true",
            "--insecure-ignore-sct=true",
            "--use-signed-timestamps=true",
            "--allow-http-registry",
            `${registry.host}/charts/hello-acr@${digest}`,
        ]);
    }

    /** The package's own keyless check, as a release's or getChart's `verify.cosignIdentity` runs it. */
    async function verifyIdentity(version: string, subject = issuer.workflowIdentity) {
        const resolved = await resolveChart({
            chart: `oci://${registry.host}/charts/hello-acr`,
            version,
            plainHttp: true,
            credentials,
            verify: { cosignIdentity: { subject, issuer: issuer.url, trustedRoot: fs.readFileSync(trustedRoot, "utf8") } },
        });
        return resolved.verified.cosignIdentity;
    }

    /** Check as the engine calls it, with the previous inputs, then diff against the previous outputs. */
    async function preview(news: Props = declared) {
        const checked = await provider.check(state.inputs, news);
        assert.deepStrictEqual(checked.failures ?? [], []);
        const diff = await provider.diff(state.id, state.outs, checked.inputs);
        return { inputs: checked.inputs, changes: diff.changes };
    }

    /** Preview then update, recording what the engine would; the update's error is thrown on, leaving the state. */
    async function up(news: Props = declared) {
        const { inputs, changes } = await preview(news);
        if (!changes) return false;
        const updated = await provider.update(state.id, state.outs, inputs);
        state = { id: state.id, inputs, outs: updated.outs };
        return true;
    }

    before(async () => {
        const binary = installedTool("cosign");
        for (const name of ACTIONS_VARIABLES) saved[name] = process.env[name];
        registry = await startRegistry({ auth: "htpasswd" });
        issuer = new LocalOidcIssuer();
        await issuer.start();
        fulcio = await startFulcio({ issuerUrl: issuer.url });
        proxy = new CountingProxy();
        await proxy.start(fulcio.url);
        tsa = await startTimestampAuthority();
        cosign = new CosignKeyless(binary, registry.host, USER, PASSWORD);
        trustedRoot = await cosign.trustedRoot(fulcio.url, fulcio.rootCertFile, { url: tsa.url, chainFile: tsa.chainFile });
        tokenDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-keyless-publication-"));
        Object.assign(process.env, issuer.actionsEnvironment());
        chartDir = copyChart(path.join(repoRoot, "charts", "hello-acr"));

        const recorder = await installMocks();
        new ChartPublication("keyless", {
            chartPath: chartDir,
            loginServer: registry.host,
            namespace: "charts",
            credentials,
            plainHttp: true,
            provenance: false,
            signing: { keyless: { identityToken: { kind: "githubActions" }, fulcioUrl: proxy.url, timestampAuthorityUrl: tsa.url } },
        });
        await recorder.settled();
        const artifact = recorder.one(PUBLICATION_TYPE);
        assert.deepStrictEqual([...artifact.secretPaths].sort(), ["credentials", "signing"]);
        provider = pluginResource(PUBLICATION_TYPE);
        declared = asTheEngineSends(artifact.inputs, artifact.secretPaths);
    });

    after(async () => {
        for (const name of ACTIONS_VARIABLES) {
            if (saved[name] === undefined) delete process.env[name];
            else process.env[name] = saved[name];
        }
        closeSharedClients();
        cosign?.cleanup();
        if (chartDir) removeCopy(chartDir);
        if (tokenDir) fs.rmSync(tokenDir, { recursive: true, force: true });
        await tsa?.stop();
        await proxy?.stop();
        await fulcio?.stop();
        await issuer?.stop();
        await registry?.stop();
    });

    it("check plans the signature due and asks no one; create pushes, then signs; cosign verify and verify.cosignIdentity accept it", async () => {
        const checked = await provider.check({}, declared);
        assert.deepStrictEqual(checked.failures ?? [], []);
        const due = keylessOf(checked.inputs) as KeylessDue;
        assert.deepStrictEqual(due, {
            manifestDigest: checked.inputs.expectedDigest,
            fulcioUrl: proxy.url,
            timestampAuthorityUrl: tsa.url,
            due: true,
        });
        assert.deepStrictEqual(asked(), { fulcio: 0, tokens: 0 }, "check asks neither Fulcio nor the token service");

        const created = await provider.create(checked.inputs);
        state = { id: created.id, inputs: checked.inputs, outs: created.outs };
        const record = keylessOf(created.outs) as KeylessRecord;
        assert.strictEqual(created.outs.digest, checked.inputs.expectedDigest);
        assert.strictEqual(record.manifestDigest, created.outs.digest);
        assert.strictEqual(record.certificateIdentity, issuer.workflowIdentity);
        assert.strictEqual(record.certificateIssuer, issuer.url);
        assert.match(record.created, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
        assert.strictEqual(JSON.parse(record.bundle).verificationMaterial.timestampVerificationData.rfc3161Timestamps.length, 1);
        // The positive control of the counts below: signing asked for a token and for a certificate.
        assert.ok(asked().fulcio >= 1 && asked().tokens >= 1, JSON.stringify(asked()));
        assert.strictEqual((await bundleReferrers(String(created.outs.digest))).length, 1);

        const verified = await cosignVerify(String(created.outs.digest));
        assert.strictEqual(verified.code, 0, verified.output);
        assert.match(verified.output, /"type":"https:\/\/sigstore.dev\/cosign\/sign\/v1"/);
        assert.strictEqual(await verifyIdentity("0.1.0"), `${issuer.workflowIdentity} from ${issuer.url}`);
        await assert.rejects(
            verifyIdentity("0.1.0", issuer.workflowIdentity.replace("release.yml", "other.yml")),
            /certificate identity error/,
        );
    });

    it("an unchanged chart: check and diff show no change, and neither Fulcio nor the token service is asked", async () => {
        const before = asked();
        const referrers = (await bundleReferrers(String(state.outs.digest))).length;
        // With the previous inputs, as the engine calls check: the signature is due there, and state holds it made.
        assert.strictEqual(await up(), false);
        // With the previous outputs: check keeps the record itself.
        const fromState = await provider.check(state.outs, declared);
        assert.deepStrictEqual(keylessOf(fromState.inputs), keylessOf(state.outs));
        assert.strictEqual((await provider.diff(state.id, state.outs, fromState.inputs)).changes, false);
        assert.deepStrictEqual(asked(), before);
        assert.strictEqual((await bundleReferrers(String(state.outs.digest))).length, referrers);
    });

    it("an update for another reason keeps the signature: no request to Fulcio", async () => {
        const before = asked();
        const signed = keylessOf(state.outs);
        assert.strictEqual(await up({ ...declared, deleteFromRegistryOnDestroy: true }), true);
        assert.deepStrictEqual(keylessOf(state.outs), signed);
        assert.deepStrictEqual(asked(), before);
        assert.strictEqual(await up({ ...declared, deleteFromRegistryOnDestroy: true }), false);
    });

    it("a new chart version shows the signature due in the preview; the update signs the new manifest", async () => {
        setChartVersion(chartDir, "0.2.0");
        const before = asked();
        const { inputs, changes } = await preview();
        assert.strictEqual(changes, true);
        assert.strictEqual((keylessOf(inputs) as KeylessDue).due, true);
        assert.notStrictEqual((keylessOf(inputs) as KeylessDue).manifestDigest, (keylessOf(state.outs) as KeylessRecord).manifestDigest);
        assert.deepStrictEqual(asked(), before, "the preview asks no one");

        assert.strictEqual(await up(), true);
        const record = keylessOf(state.outs) as KeylessRecord;
        assert.strictEqual(record.manifestDigest, state.outs.digest);
        assert.ok(asked().fulcio > before.fulcio);
        const verified = await cosignVerify(String(state.outs.digest));
        assert.strictEqual(verified.code, 0, verified.output);
        assert.strictEqual(await verifyIdentity("0.2.0"), `${issuer.workflowIdentity} from ${issuer.url}`);
        assert.strictEqual(await up(), false);
    });

    it("no token, or a token Fulcio refuses: the update fails naming signing.keyless, never the token; the pushed chart stays and the next update signs", async () => {
        const tokenFile = path.join(tokenDir, "token");
        const withToken = (identityToken: Props) => ({
            ...declared,
            signing: asTheEngineSends({ signing: { keyless: { identityToken, fulcioUrl: proxy.url, timestampAuthorityUrl: tsa.url } } }, [
                "signing",
            ]).signing,
        });
        setChartVersion(chartDir, "0.3.0");
        const previous = state;

        const unset = withToken({ kind: "environment", variable: "ACR_HELM_KEYLESS_TOKEN_UNSET" });
        await assert.rejects(up(unset), (error: Error) => {
            assert.match(
                error.message,
                /^signing\.keyless\.identityToken: the environment variable ACR_HELM_KEYLESS_TOKEN_UNSET is not set/,
            );
            assert.match(
                error.message,
                /the chart oci:\/\/.*\/charts\/hello-acr@sha256:[a-f0-9]{64} is pushed but not signed: run the update again/,
            );
            return true;
        });
        assert.strictEqual(state, previous, "a failed update leaves the state");
        const pushed = await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.3.0" });
        assert.ok(pushed, "the chart is pushed");
        assert.strictEqual((await bundleReferrers(pushed)).length, 0);

        const otherAudience = await issuer.mint("not-sigstore");
        fs.writeFileSync(tokenFile, otherAudience);
        const refused = withToken({ kind: "file", path: tokenFile });
        await assert.rejects(up(refused), (error: Error) => {
            assert.match(error.message, /^signing\.keyless: keyless signing with http:\/\/127\.0\.0\.1:\d+ failed: .*\(400\)/);
            assert.match(error.message, /is pushed but not signed/);
            const everything = [error.message, String(error.stack), JSON.stringify(error)].join("\n");
            assert.ok(!everything.includes(otherAudience) && !everything.includes(otherAudience.split(".")[1]), error.message);
            return true;
        });
        assert.strictEqual(state, previous);
        assert.strictEqual(await resolveTag({ ...connection(), repository: "charts/hello-acr", version: "0.3.0" }), pushed);

        fs.writeFileSync(tokenFile, await issuer.mint());
        assert.strictEqual(await up(refused), true, "the next update signs");
        assert.strictEqual(state.outs.digest, pushed);
        assert.strictEqual((keylessOf(state.outs) as KeylessRecord).manifestDigest, pushed);
        assert.strictEqual((await bundleReferrers(pushed)).length, 1);
        const verified = await cosignVerify(pushed);
        assert.strictEqual(verified.code, 0, verified.output);
        assert.strictEqual(await up(refused), false);
    });
});
