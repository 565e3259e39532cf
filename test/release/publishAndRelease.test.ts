import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as k8s from "@pulumi/kubernetes";
import * as YAML from "yaml";
import { publishAndRelease } from "../../components/release";
import { promiseOf } from "../support/mocks";
import { repoRoot } from "../support/paths";
import { captureOptions, downloadType, installReleaseMocks, ownInputs, releaseType } from "./releaseMocks";

const chartPath = path.join(repoRoot, "charts", "hello-acr");
const chartVersion = (YAML.parse(fs.readFileSync(path.join(chartPath, "Chart.yaml"), "utf8")) as { version: string }).version;
const credentials = { username: "ci-pusher", password: "push-and-pull-4b1e" };
const caCert = "-----BEGIN CERTIFICATE-----\nMIIBfakeLocalCA\n-----END CERTIFICATE-----\n";

describe("publishAndRelease", () => {
    it("installs exactly the publication: its ref, version and digest, pulled with the chart's credentials, CA and plainHttp", async () => {
        const recorder = await installReleaseMocks();
        const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
        const capture = captureOptions();
        const { publication, release } = publishAndRelease(
            { publication: "hello-acr", release: "hello-acr-release" },
            {
                chart: { chartPath, loginServer: "127.0.0.1:5000", repository: "charts", credentials, caCert, plainHttp: true },
                release: { provider, namespace: "acr-helm-demo", releaseName: "acr-helm-demo-1", skipAwait: true },
            },
            { transformations: [capture.transformation] },
        );
        assert.strictEqual(await promiseOf(release.status), "deployed");
        await recorder.settled();

        const digest = await promiseOf(publication.digest);
        assert.match(digest, /^sha256:[0-9a-f]{64}$/);
        const download = recorder.one(downloadType);
        assert.strictEqual(download.name, "hello-acr-release-chart");
        assert.deepStrictEqual(ownInputs(download.inputs), {
            chart: "oci://127.0.0.1:5000/charts/hello-acr",
            version: chartVersion,
            expectedDigest: digest,
            credentials: { kind: "basic", ...credentials }, // the generated SDK applies the contract's default kind
            caCert,
            plainHttp: true,
        });
        assert.deepStrictEqual(download.secretPaths, ["credentials"]);
        const dependsOn = capture.optionsOf("hello-acr-release-chart").dependsOn;
        assert.ok(Array.isArray(dependsOn) && dependsOn.includes(publication), "the download must depend on the publication");

        const helmRelease = recorder.one(releaseType).inputs;
        assert.strictEqual(helmRelease.chart, `.pulumi-acr-helm/charts/${digest.replace(":", "-")}/hello-acr-${chartVersion}.tgz`);
        assert.strictEqual(helmRelease.version, chartVersion);
        assert.ok(!("repositoryOpts" in helmRelease), "the release must not get repositoryOpts");
    });
});
