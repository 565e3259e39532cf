import * as assert from "assert";
import { execFile } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { RegistryClient } from "../../../chart/distribution/client";
import { pushChart, PushChartResult } from "../../../chart/helmOci/push";
import { startRegistry, TestRegistry } from "../../support/registry";
import { makeChart } from "./chartFixtures";

const run = promisify(execFile);

for (const mode of ["htpasswd", "token"] as const) {
    describe(`skopeo copies every chart we push (${mode} auth), verifying digests`, function () {
        this.timeout(120000);
        let registry: TestRegistry;
        let client: RegistryClient;
        let work: string;

        before(async () => {
            registry = await startRegistry({ auth: mode });
            client = new RegistryClient({
                registry: registry.host,
                plainHttp: true,
                credentials: { username: "admin", password: registry.users.admin.password },
            });
            work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-skopeo-"));
            const auth = Buffer.from(`admin:${registry.users.admin.password}`).toString("base64");
            fs.writeFileSync(path.join(work, "auth.json"), JSON.stringify({ auths: { [registry.host]: { auth } } }), { mode: 0o600 });
        });
        after(async () => {
            client?.close();
            if (work) fs.rmSync(work, { recursive: true, force: true });
            await registry?.stop();
        });

        const charts: [string, string, string][] = [
            ["skopeo/plain", "plain", "1.0.0"],
            ["skopeo/nested/deep", "deep", "0.0.1-alpha.1"],
            ["skopeo/buildmeta", "buildmeta", "2.1.0+sha.abc123"],
        ];

        for (const [repository, name, version] of charts) {
            it(`copies ${repository}:${version} to an OCI layout with the same manifest digest`, async () => {
                const chart = await makeChart(name, version, "maintainers:\n  - name: Ops\n    email: ops@example.com\n");
                const pushed: PushChartResult = await pushChart({
                    registry: registry.host,
                    client,
                    chart,
                    repository,
                    annotations: { "com.example.build": "42" },
                });
                const layout = path.join(work, name);
                await run("skopeo", [
                    "copy",
                    "--src-tls-verify=false",
                    "--authfile",
                    path.join(work, "auth.json"),
                    `docker://${registry.host}/${repository}:${pushed.tag}`,
                    `oci:${layout}:${pushed.tag}`,
                ]);
                const index = JSON.parse(fs.readFileSync(path.join(layout, "index.json"), "utf8")) as { manifests: { digest: string }[] };
                assert.strictEqual(index.manifests[0].digest, pushed.digest);
                const chartBlob = fs.readFileSync(path.join(layout, "blobs", "sha256", chart.chartDigest.slice("sha256:".length)));
                assert.ok(chartBlob.equals(chart.archive));
            });
        }
    });
}
