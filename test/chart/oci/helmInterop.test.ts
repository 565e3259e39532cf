import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { RegistryClient } from "../../../chart/distribution/client";
import { listChartVersions } from "../../../chart/helmOci/list";
import { buildHelmArtifact, chartAnnotations } from "../../../chart/helmOci/manifest";
import { getManifest } from "../../../chart/distribution/manifestRequests";
import { pullChart } from "../../../chart/helmOci/pull";
import { pushChart } from "../../../chart/helmOci/push";
import { startRegistry, TestRegistry } from "../../support/registry";
import { requireTool } from "../../support/tools";
import { makeChart } from "./chartFixtures";
import { HelmCli, installedHelm } from "./helmCli";

const RICH_CHART_YAML =
    "home: https://example.com/a?b=1&c=<2>\nsources:\n  - https://github.com/example/rich\nkeywords: [demo, oci]\n" +
    "maintainers:\n  - name: Ada\n    email: ada@example.com\n  - name: Bob\nannotations:\n  team: platform & infra\n  org.opencontainers.image.title: ignored\n";

const HELM_MAJORS = [
    { label: "Helm 3.22", tool: "helm" },
    { label: "Helm 4.3.1", tool: "helm4" },
] as const;

for (const major of HELM_MAJORS)
    for (const mode of ["htpasswd", "token"] as const) {
        describe(`${major.label} ${mode} interop: helm reads what we push, we read what helm pushes`, function () {
            this.timeout(180_000);
            let registry: TestRegistry;
            let client: RegistryClient;
            let helm: HelmCli;
            const oci = (repo: string) => `oci://${registry.host}/${repo}`;

            before(async () => {
                installedHelm();
                registry = await startRegistry({ auth: mode });
                client = new RegistryClient({
                    registry: registry.host,
                    plainHttp: true,
                    credentials: { username: "admin", password: registry.users.admin.password },
                });
                helm = new HelmCli(requireTool(major.tool));
                await helm.run(
                    ["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"],
                    registry.users.admin.password,
                );
            });
            after(async () => {
                client?.close();
                helm?.cleanup();
                await registry?.stop();
            });

            it("helm pull, show chart and template work on a chart we pushed", async () => {
                const chart = await makeChart("fromus", "1.2.3+build.7", RICH_CHART_YAML, "hi-from-oci");
                await pushChart({ registry: registry.host, client, chart, repository: "interop/fromus" });
                await helm.run(["pull", oci("interop/fromus"), "--version", "1.2.3+build.7", "--plain-http", "-d", helm.home]);
                const pulled = fs.readFileSync(path.join(helm.home, "fromus-1.2.3+build.7.tgz"));
                assert.ok(pulled.equals(chart.archive), "helm saved exactly the archive we pushed");
                const shown = await helm.run(["show", "chart", oci("interop/fromus"), "--version", "1.2.3+build.7", "--plain-http"]);
                assert.match(shown, /^name: fromus$/m);
                assert.match(shown, /^version: 1\.2\.3\+build\.7$/m);
                const rendered = await helm.run(["template", "rel", oci("interop/fromus"), "--version", "1.2.3+build.7", "--plain-http"]);
                assert.match(rendered, /name: rel-cm/);
                assert.match(rendered, /greeting: "hi-from-oci"/);
            });

            it("our pullChart reads a chart pushed by helm, and our config blob is byte-identical to helm's", async () => {
                const chart = await makeChart("fromhelm", "0.3.0", RICH_CHART_YAML);
                const tgz = path.join(helm.home, chart.fileName);
                fs.writeFileSync(tgz, chart.archive);
                await helm.run(["push", tgz, oci("interop"), "--plain-http"]);
                assert.deepStrictEqual(await listChartVersions({ registry: registry.host, client, repository: "interop/fromhelm" }), [
                    "0.3.0",
                ]);
                const pulled = await pullChart({ registry: registry.host, client, repository: "interop/fromhelm", version: "0.3.0" });
                assert.ok(pulled.archive.equals(chart.archive));
                assert.strictEqual(pulled.metadata.name, "fromhelm");
                const helmManifest = await getManifest({
                    client,
                    operation: "pull",
                    repository: "interop/fromhelm",
                    reference: "0.3.0",
                    actions: ["pull"],
                });
                const parsed = JSON.parse(helmManifest!.bytes.toString()) as {
                    config: { digest: string };
                    annotations: Record<string, string>;
                };
                assert.strictEqual(parsed.config.digest, buildHelmArtifact(chart).configDescriptor.digest);
                const { ["org.opencontainers.image.created"]: created, ...helmAnnotations } = parsed.annotations;
                assert.ok(created, "helm stamps a created time; we do not");
                assert.deepStrictEqual(helmAnnotations, chartAnnotations(chart.metadata));
            });

            it("a leading-v version: helm finds our push by --version v0.1.0 under the tag helm push gives it, and reads the same chart", async () => {
                const ours = await makeChart("vours", "v0.1.0", RICH_CHART_YAML, "hi-v");
                const pushed = await pushChart({ registry: registry.host, client, chart: ours, repository: "interop/vours" });
                assert.strictEqual(pushed.tag, "v0.1.0");
                const theirs = await makeChart("vhelm", "v0.1.0", RICH_CHART_YAML, "hi-v");
                const tgz = path.join(helm.home, theirs.fileName);
                fs.writeFileSync(tgz, theirs.archive);
                await helm.run(["push", tgz, oci("interop"), "--plain-http"]);
                const helmTagged = await getManifest({
                    client,
                    operation: "pull",
                    repository: "interop/vhelm",
                    reference: "v0.1.0",
                    actions: ["pull"],
                });
                assert.ok(helmTagged, "helm push tags a leading-v version as written");
                const helmView = async (repo: string) =>
                    (await helm.run(["show", "chart", oci(repo), "--version", "v0.1.0", "--plain-http"])).replace(/vours|vhelm/g, "<name>");
                assert.strictEqual(await helmView("interop/vours"), await helmView("interop/vhelm"));
                assert.match(await helmView("interop/vours"), /^version: v0\.1\.0$/m);
                const byTag = await helm.run(["template", "rel", `${oci("interop/vours")}:v0.1.0`, "--plain-http"]);
                assert.match(byTag, /greeting: "hi-v"/);
                await helm.run(["pull", oci("interop/vours"), "--version", "v0.1.0", "--plain-http", "-d", helm.home]);
                assert.ok(fs.readFileSync(path.join(helm.home, "vours-v0.1.0.tgz")).equals(ours.archive));
                const pulled = await pullChart({ registry: registry.host, client, repository: "interop/vhelm", version: "v0.1.0" });
                assert.ok(pulled.archive.equals(theirs.archive), "our pull reads the leading-v chart helm pushed");
            });
        });
    }
