import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { resolveTag } from "../../chart/helmOci/manage";
import { pushChart } from "../../chart/helmOci/push";
import { HELM_PROVENANCE_LAYER_MEDIA_TYPE } from "../../chart/helmOci/mediaTypes";
import { makeChart } from "../chart/oci/chartFixtures";
import { HelmCli, installedHelm } from "../chart/oci/helmCli";
import { pushImage } from "../catalog/catalogFixtures";
import { acrHelm } from "../support/cliRunner";
import { RawRegistryClient } from "../support/rawRegistry";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { RegistryRequests } from "../../scripts/local/registryRequests";
import { pushCosignStyleSignature, skopeoDigest, writeAuthFile } from "./copySupport";

const admin = { username: "admin", password: DEFAULT_USERS.admin.password };
const env = { ACR_HELM_USERNAME: admin.username, ACR_HELM_PASSWORD: admin.password };

describe("acr-helm copy promotes a chart version between registries by digest", function () {
    this.timeout(180_000);
    let dev: TestRegistry;
    let prod: TestRegistry;
    let work: string;
    let authFile: string;
    let helm: HelmCli;
    let sourceDigest: string;
    let signatureDigest: string;
    const connection = (registry: TestRegistry) => ({ registry: registry.host, credentials: admin, plainHttp: true });

    before(async () => {
        installedHelm();
        [dev, prod] = await Promise.all([
            startRegistry({ auth: "htpasswd", accessLog: true }),
            startRegistry({ auth: "htpasswd", accessLog: true }),
        ]);
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-copy-"));
        authFile = path.join(work, "auth.json");
        writeAuthFile(authFile, { [dev.host]: admin, [prod.host]: admin });
        // helm push sends <chart>.tgz.prov along as the provenance layer.
        helm = new HelmCli();
        await helm.run(["registry", "login", dev.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
        const chart = await makeChart("hello", "1.0.0");
        const tgz = path.join(work, chart.fileName);
        fs.writeFileSync(tgz, chart.archive);
        fs.writeFileSync(
            `${tgz}.prov`,
            "-----BEGIN PGP SIGNED MESSAGE-----\nHash: SHA512\n\nname: hello\n...\nfiles:\n  hello-1.0.0.tgz: sha256:0\n-----BEGIN PGP SIGNATURE-----\n\nnot-a-real-signature\n-----END PGP SIGNATURE-----\n",
        );
        await helm.run(["push", tgz, `oci://${dev.host}/dev`, "--plain-http"]);
        sourceDigest = (await resolveTag({ ...connection(dev), repository: "dev/hello", version: "1.0.0" }))!;
        signatureDigest = await pushCosignStyleSignature(
            new RawRegistryClient(dev.host, admin.username, admin.password),
            "dev/hello",
            sourceDigest,
            "MEUCIQ-fake-signature",
        );
    });
    after(async () => {
        closeSharedClients();
        helm?.cleanup();
        if (work) fs.rmSync(work, { recursive: true, force: true });
        await Promise.all([dev?.stop(), prod?.stop()]);
    });

    it("copies manifest, chart, provenance layer and cosign signature; skopeo reads the same digests at both ends", async () => {
        const run = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "1.0.0", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(
            run.stdout,
            `Copied: ${prod.host}/prod/hello:1.0.0\nDigest: ${sourceDigest}\nBlobs: 5 uploaded, 0 mounted, 0 already there\n` +
                `Signature ${sourceDigest.replace(":", "-")}.sig: copied\n`,
        );
        const atDev = await skopeoDigest(authFile, dev.host, "dev/hello", "1.0.0", work);
        const atProd = await skopeoDigest(authFile, prod.host, "prod/hello", "1.0.0", work);
        assert.strictEqual(atDev.digest, sourceDigest);
        assert.strictEqual(atProd.digest, sourceDigest);
        const layers = atProd.manifest.layers as { mediaType: string }[];
        assert.ok(
            layers.some((layer) => layer.mediaType === HELM_PROVENANCE_LAYER_MEDIA_TYPE),
            "the provenance layer came along",
        );
        const sigTag = `${sourceDigest.replace(":", "-")}.sig`;
        assert.strictEqual((await skopeoDigest(authFile, prod.host, "prod/hello", sigTag, work)).digest, signatureDigest);
        await helm.run(["registry", "login", prod.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
        fs.mkdirSync(path.join(work, "pulled"));
        await helm.run([
            "pull",
            `oci://${prod.host}/prod/hello`,
            "--version",
            "1.0.0",
            "--plain-http",
            "--prov",
            "-d",
            path.join(work, "pulled"),
        ]);
        assert.ok(fs.existsSync(path.join(work, "pulled", "hello-1.0.0.tgz.prov")), "helm pulls the provenance file from the copy");
    });

    it("a second copy is idempotent: it sends no blob and writes nothing", async () => {
        const requests = await RegistryRequests.start(prod);
        const run = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "1.0.0", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(
            run.stdout,
            /^Already present: .*\nDigest: .*\nBlobs: 0 uploaded, 0 mounted, 0 already there\nSignature .*\.sig: already there\n$/,
        );
        // At the destination: HEADs only, of the version's manifest (twice) and of its signature's; no blob request, no write.
        assert.deepStrictEqual(await requests.settledKinds(), { "manifest HEAD": 3 }, "only reads reached the destination");
    });

    it("within one registry, blobs are mounted across repositories instead of uploaded", async () => {
        const run = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "1.0.0", `oci://${dev.host}/staging`, "--plain-http"],
            "",
            env,
        );
        assert.strictEqual(run.code, 0, run.stderr);
        assert.match(run.stdout, /Blobs: 0 uploaded, 5 mounted, 0 already there/);
        assert.strictEqual(await resolveTag({ ...connection(dev), repository: "staging/hello", version: "1.0.0" }), sourceDigest);
    });

    it("refuses to overwrite different content under the version at the destination, and changes nothing", async () => {
        await pushChart({ ...connection(dev), chart: await makeChart("hello", "2.0.0", "", "dev-content"), repository: "dev/hello" });
        const theirs = await pushChart({
            ...connection(prod),
            chart: await makeChart("hello", "2.0.0", "", "prod-content"),
            repository: "prod/hello",
        });
        const requests = await RegistryRequests.start(prod);
        const run = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "2.0.0", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.strictEqual(run.code, 1);
        assert.match(
            run.stderr,
            new RegExp(
                `copy to ${prod.host.replace(/\./g, "\\.")}/prod/hello:2\\.0\\.0 refused: the destination holds different content under this version \\(${theirs.digest}; the source is sha256:[a-f0-9]{64}\\)\\. Published versions are not replaced`,
            ),
        );
        // At the destination: HEADs of the version's manifest (twice), found different; nothing more is sent.
        assert.deepStrictEqual(await requests.settledKinds(), { "manifest HEAD": 2 }, "only reads reached the destination");
        assert.strictEqual(await resolveTag({ ...connection(prod), repository: "prod/hello", version: "2.0.0" }), theirs.digest);
    });

    it("--digest copies exactly that manifest even after the source tag moved", async () => {
        const first = await pushChart({
            ...connection(dev),
            chart: await makeChart("hello", "3.0.0", "", "tested"),
            repository: "dev/hello",
        });
        await pushChart({
            ...connection(dev),
            chart: await makeChart("hello", "3.0.0", "", "untested"),
            repository: "dev/hello",
            allowOverwrite: true,
        });
        const run = await acrHelm(
            [
                "copy",
                `oci://${dev.host}/dev/hello`,
                "--version",
                "3.0.0",
                "--digest",
                first.digest,
                `oci://${prod.host}/prod`,
                "--plain-http",
            ],
            "",
            env,
        );
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual((await skopeoDigest(authFile, prod.host, "prod/hello", "3.0.0", work)).digest, first.digest);
    });

    it("a source that is not a chart, or not there, is refused naming it and the fix; a bad digest is refused before any request", async () => {
        await pushImage(dev.host, admin, "dev/app", ["1.0.0"]);
        const image = await acrHelm(
            ["copy", `oci://${dev.host}/dev/app`, "--version", "1.0.0", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.strictEqual(image.code, 1);
        assert.match(
            image.stderr,
            /copy from 127\.0\.0\.1:\d+\/dev\/app:1\.0\.0 refused: the artifact is not a Helm chart \(config media type application\/vnd\.oci\.image\.config\.v1\+json\)\. Nothing was copied\./,
        );
        assert.strictEqual(await resolveTag({ ...connection(prod), repository: "prod/app", version: "1.0.0" }), undefined);
        const missing = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "9.9.9", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.match(
            missing.stderr,
            /copy from 127\.0\.0\.1:\d+\/dev\/hello:9\.9\.9 failed: not found\. List the versions with 'acr-helm tags oci:\/\/127\.0\.0\.1:\d+\/dev\/hello'/,
        );
        const digest = await acrHelm(
            ["copy", `oci://${dev.host}/dev/hello`, "--version", "1.0.0", "--digest", "md5:abc", `oci://${prod.host}/prod`, "--plain-http"],
            "",
            env,
        );
        assert.match(digest.stderr, /digest "md5:abc" is not of the form sha256:<64 hex digits>/);
    });
});
