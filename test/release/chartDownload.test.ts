import * as assert from "assert";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { check } from "../../provider/resources/chartDownload";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { repoRoot } from "../support/paths";

describe("ChartDownload's check against a real registry", function () {
    this.timeout(60_000);
    const credentials = { username: "admin", password: "admin-Secret-pa55" };
    let registry: TestRegistry;
    let workDir: string;
    let published: { digest: string };

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        workDir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-download-"));
        const chart = await packageChart(path.join(repoRoot, "charts", "hello-acr"));
        published = await pushChart({ registry: registry.host, credentials, plainHttp: true, chart, repository: "helm/hello-acr" });
    });

    after(async () => {
        closeSharedClients();
        await registry?.stop();
        fs.rmSync(workDir, { recursive: true, force: true });
    });

    const inputs = (extra: Record<string, unknown> = {}) => ({
        chart: `oci://${registry.host}/helm/hello-acr`,
        version: "0.1.0",
        credentials,
        plainHttp: true,
        ...extra,
    });

    it("pulls the published chart, verifies its digest and keeps it at a digest-named relative path", async () => {
        const cwd = process.cwd();
        process.chdir(workDir);
        try {
            const result = await check({}, inputs({ expectedDigest: published.digest }));
            assert.deepStrictEqual(result.failures ?? [], []);
            const relative = String(result.inputs.path);
            assert.strictEqual(
                relative,
                path.join(".pulumi-acr-helm", "charts", published.digest.replace(":", "-"), "hello-acr-0.1.0.tgz"),
            );
            const archive = fs.readFileSync(path.join(workDir, relative));
            assert.strictEqual(result.inputs.chartDigest, `sha256:${createHash("sha256").update(archive).digest("hex")}`);
            assert.match(fs.readFileSync(path.join(workDir, ".pulumi-acr-helm", ".gitignore"), "utf8"), /^\*$/m);
        } finally {
            process.chdir(cwd);
        }
    });

    it("refuses a tag that now holds other content than the publication produced, on 'version', naming the fix", async () => {
        const other = "sha256:" + "1".repeat(64);
        const result = await check({}, inputs({ expectedDigest: other }));
        assert.strictEqual(result.failures?.[0]?.property, "version");
        assert.match(result.failures![0].reason, new RegExp(`now holds ${published.digest}, not ${other}`));
        assert.match(result.failures![0].reason, /Publish the chart again/);
    });

    it("fetches nothing while the version is unknown (the first preview of a new stack)", async () => {
        const unknown = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
        const result = await check({}, inputs({ version: unknown }));
        assert.strictEqual(result.inputs.path, undefined);
        assert.deepStrictEqual(result.failures ?? [], []);
    });

    it("wrong credentials fail on 'chart' with the registry named and never the password", async () => {
        const result = await check({}, inputs({ credentials: { username: "admin", password: "not-the-Secret" } }));
        assert.strictEqual(result.failures?.[0]?.property, "chart");
        assert.match(result.failures![0].reason, new RegExp(registry.host.replace(/[.]/g, "\\.")));
        assert.ok(!result.failures![0].reason.includes("not-the-Secret"));
    });
});
