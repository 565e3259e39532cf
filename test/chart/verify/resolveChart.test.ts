import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { OciError } from "../../../chart/distribution/errors";
import { pushChart } from "../../../chart/helmOci/push";
import { packageChart } from "../../../chart/packaging/package";
import { resolveChart } from "../../../chart/verify/resolveChart";
import { RegistryRequests } from "../../../scripts/local/registryRequests";
import { repoRoot } from "../../support/paths";
import { startRegistry, TestRegistry } from "../../support/registry";

describe("resolveChart: an exact version or a SemVer range resolved to the highest published version (real docker-registry)", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let root: string;
    const digests: Record<string, string> = {};
    const lookup = (version: string) => ({ chart: `oci://${registry.host}/ranges/hello-acr`, version, plainHttp: true });

    before(async () => {
        registry = await startRegistry({ auth: "none", accessLog: true });
        root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-resolve-"));
        for (const version of ["0.9.0", "1.2.0", "1.10.0", "2.0.0-rc.1"]) {
            const dir = path.join(root, version);
            fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), dir, { recursive: true });
            const chartYaml = path.join(dir, "Chart.yaml");
            fs.writeFileSync(chartYaml, fs.readFileSync(chartYaml, "utf8").replace(/^version: .*$/m, `version: ${version}`));
            const pushed = await pushChart({
                registry: registry.host,
                plainHttp: true,
                repository: "ranges/hello-acr",
                chart: await packageChart(dir),
            });
            digests[version] = pushed.digest;
        }
    });
    after(async () => {
        closeSharedClients();
        if (root) fs.rmSync(root, { recursive: true, force: true });
        await registry?.stop();
    });

    it("a range takes the highest version in it by SemVer (1.10.0 over 1.2.0), never a prerelease the range does not name", async () => {
        const resolved = await resolveChart(lookup("^1.0.0"));
        assert.deepStrictEqual([resolved.version, resolved.digest], ["1.10.0", digests["1.10.0"]]);
        assert.strictEqual((await resolveChart(lookup("*"))).version, "1.10.0");
        assert.strictEqual((await resolveChart(lookup(">=2.0.0-rc.0"))).version, "2.0.0-rc.1");
    });

    it("an exact version is pulled without listing the tags", async () => {
        const requests = await RegistryRequests.start(registry);
        const resolved = await resolveChart(lookup("0.9.0"));
        assert.strictEqual(resolved.digest, digests["0.9.0"]);
        assert.strictEqual((await requests.settledKinds())["tags GET"], undefined);
    });

    it("a range without a match names the range and the highest published version", async () => {
        await assert.rejects(
            resolveChart(lookup("^3.0.0")),
            (error: Error) =>
                error instanceof OciError &&
                error.code === "VERSION_NOT_FOUND" &&
                /"\^3\.0\.0" \(4 published, highest 2\.0\.0-rc\.1\)/.test(error.message),
        );
    });

    it("a version that is neither SemVer nor a range fails before any request", async () => {
        const requests = await RegistryRequests.start(registry);
        await assert.rejects(resolveChart(lookup("latest")), /"latest" is neither a SemVer version nor a range/);
        assert.deepStrictEqual(await requests.settledKinds(), {});
    });
});
