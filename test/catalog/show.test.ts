import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../chart/distribution/connection";
import { pushChart } from "../../chart/helmOci/push";
import { packageChart } from "../../chart/packaging/package";
import { HelmCli, installedHelm } from "../chart/oci/helmCli";
import { acrHelm } from "../support/cliRunner";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";
import { publishVersions, pushImage } from "./catalogFixtures";

const admin = { username: "admin", password: DEFAULT_USERS.admin.password };
const env = { ACR_HELM_USERNAME: admin.username, ACR_HELM_PASSWORD: admin.password };

const CHART_YAML = `apiVersion: v2
name: showcase
version: 2.1.0
appVersion: "1.16"
description: A chart whose description is long enough that a YAML writer folding lines at eighty columns would fold it.
type: application
keywords: [web, "1.0", demo]
home: https://example.com/showcase?x=1&y=<2>
maintainers:
  - name: Ada Lovelace
    email: ada@example.com
annotations:
  zeta: last
  alpha: "true"
  category: Web & Proxy
dependencies:
  - name: sub
    version: 0.1.0
    repository: ""
`;

/** A chart with values, a README, a CRD and an unpacked subchart with its own CRD. */
function writeShowcase(root: string): string {
    const dir = path.join(root, "showcase");
    const files: Record<string, string> = {
        "Chart.yaml": CHART_YAML,
        "values.yaml": '# Default values\nreplicas: 2\nimage:\n  tag: "1.16"\n',
        "README.md": "# Showcase\n\nInstall it with acr-helm.\n",
        "crds/widgets.yaml":
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: widgets.example.com\n",
        "templates/configmap.yaml": "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}\n",
        "charts/sub/Chart.yaml": "apiVersion: v2\nname: sub\nversion: 0.1.0\n",
        "charts/sub/crds/gadgets.yaml":
            "apiVersion: apiextensions.k8s.io/v1\nkind: CustomResourceDefinition\nmetadata:\n  name: gadgets.example.com\n",
    };
    for (const [file, text] of Object.entries(files)) {
        fs.mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
        fs.writeFileSync(path.join(dir, file), text);
    }
    return dir;
}

describe("acr-helm show prints what helm show prints", function () {
    this.timeout(180_000);
    let registry: TestRegistry;
    let helm: HelmCli;
    let work: string;
    const ref = () => `oci://${registry.host}/charts/showcase`;

    before(async () => {
        installedHelm();
        registry = await startRegistry({ auth: "htpasswd" });
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-show-"));
        await pushChart({
            registry: registry.host,
            credentials: admin,
            plainHttp: true,
            chart: await packageChart(writeShowcase(work)),
            repository: "charts/showcase",
        });
        await publishVersions(registry.host, admin, "charts", "plain", ["0.1.0", "0.2.0"]);
        await pushImage(registry.host, admin, "images/app", ["1.0.0"]);
        helm = new HelmCli();
        await helm.run(["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
    });
    after(async () => {
        closeSharedClients();
        helm?.cleanup();
        fs.rmSync(work, { recursive: true, force: true });
        await registry?.stop();
    });

    for (const what of ["chart", "values", "readme", "crds", "all"]) {
        it(`show ${what} is byte-identical to helm's`, async () => {
            const ours = await acrHelm(["show", what, ref(), "--version", "2.1.0", "--plain-http"], "", env);
            assert.strictEqual(ours.code, 0, ours.stderr);
            const helms = await helm.run(["show", what, ref(), "--version", "2.1.0", "--plain-http"]);
            assert.strictEqual(ours.stdout, helms);
        });
    }

    it("without --version shows the highest version, as helm does", async () => {
        const ours = await acrHelm(["show", "chart", `oci://${registry.host}/charts/plain`, "--plain-http"], "", env);
        assert.strictEqual(ours.code, 0, ours.stderr);
        assert.match(ours.stdout, /^version: 0\.2\.0$/m);
        assert.strictEqual(ours.stdout, await helm.run(["show", "chart", `oci://${registry.host}/charts/plain`, "--plain-http"]));
    });

    it("a repository without charts and a missing repository name the reference and the fix", async () => {
        const image = await acrHelm(["show", "chart", `oci://${registry.host}/images/app`, "--plain-http"], "", env);
        assert.strictEqual(image.code, 1);
        assert.match(
            image.stderr,
            /images\/app:1\.0\.0 failed: the artifact is not a Helm chart \(config media type application\/vnd\.oci\.image\.config\.v1\+json\)/,
        );
        const missing = await acrHelm(["show", "values", `oci://${registry.host}/charts/nothing`, "--plain-http"], "", env);
        assert.strictEqual(missing.code, 1);
        assert.match(
            missing.stderr,
            /charts\/nothing failed: the repository holds no chart versions \(no SemVer tags\)\. Check the path with 'acr-helm search oci:\/\/127\.0\.0\.1:\d+'/,
        );
        const what = await acrHelm(["show", "everything", ref()]);
        assert.strictEqual(what.code, 2);
        assert.match(what.stderr, /show takes one of chart, values, readme, crds, all \(got "everything"\)/);
    });
});
