import * as assert from "assert";
import * as k8s from "@pulumi/kubernetes";
import { ChartRelease } from "../../components/release";
import { ReleaseGuard } from "../../components/release/guard";
import { promiseOf } from "../support/mocks";
import {
    captureOptions,
    downloadType,
    FakePublication,
    installReleaseMocks,
    namespaceType,
    isUnknown,
    ownInputs,
    pathsOf,
    publishedDigest,
    releaseType,
} from "./releaseMocks";

const chartRef = "oci://myregistry.azurecr.io/helm/hello-acr";
const password = "pull-password-7d1c";
const credentials = { username: "00000000-0000-0000-0000-00000000beef", password };
/** The credentials as the generated SDK registers them: with the contract's default kind. */
const checkedCredentials = { kind: "basic", ...credentials };
const caCert = "-----BEGIN CERTIFICATE-----\nMIIBfakeCAforTests\n-----END CERTIFICATE-----\n";

/** True when `path` is a secret path or lies inside one (a whole object may be sent as one secret). */
function underSecret(path: string, secretPaths: string[]): boolean {
    return secretPaths.some((secret) => path === secret || path.startsWith(`${secret}.`));
}

describe("ChartRelease", () => {
    describe("defaults: a release of the published chart into a new namespace", () => {
        it("creates a restricted 'acr-helm-demo' namespace and a release named after the component", async () => {
            const recorder = await installReleaseMocks();
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            const release = new ChartRelease("hello-acr", {
                provider,
                chart: chartRef,
                version: "0.1.0",
                registryCredentials: credentials,
            });
            assert.strictEqual(await promiseOf(release.status), "deployed");
            await recorder.settled();

            const namespace = recorder.one(namespaceType);
            assert.strictEqual(namespace.name, "hello-acr-namespace");
            assert.deepStrictEqual(namespace.inputs.metadata, {
                name: "acr-helm-demo",
                labels: {
                    "pod-security.kubernetes.io/enforce": "restricted",
                    "pod-security.kubernetes.io/enforce-version": "latest",
                    "pod-security.kubernetes.io/warn": "restricted",
                    "pod-security.kubernetes.io/audit": "restricted",
                },
            });

            const download = recorder.one(downloadType);
            assert.strictEqual(download.name, "hello-acr-chart");
            assert.deepStrictEqual(ownInputs(download.inputs), { chart: chartRef, version: "0.1.0", credentials: checkedCredentials });
            assert.deepStrictEqual(download.secretPaths, ["credentials"]);

            const helmRelease = recorder.one(releaseType);
            assert.strictEqual(helmRelease.name, "hello-acr-release");
            const { chart, ...rest } = ownInputs(helmRelease.inputs);
            // The download's path output: a digest-named folder in the program's directory, never the oci:// ref.
            assert.match(chart, /^\.pulumi-acr-helm\/charts\/sha256-[0-9a-f]{64}\/hello-acr-0\.1\.0\.tgz$/);
            assert.deepStrictEqual(rest, {
                name: "hello-acr",
                namespace: "acr-helm-demo",
                createNamespace: false,
                version: "0.1.0",
                values: {},
                timeout: 300,
                atomic: true,
                cleanupOnFail: true,
                skipAwait: false,
            });
            assert.strictEqual(await promiseOf(release.revision), 1);
            assert.strictEqual(await promiseOf(release.namespace), "acr-helm-demo");
            assert.strictEqual(await promiseOf(release.releaseName), "hello-acr");
        });

        it("deploys both Kubernetes children with the given provider, never the ambient kubeconfig", async () => {
            const recorder = await installReleaseMocks();
            const provider = new k8s.Provider("target-cluster", { kubeconfig: "{}" });
            const capture = captureOptions();
            new ChartRelease(
                "hello-acr",
                { provider, chart: chartRef, version: "0.1.0", registryCredentials: credentials },
                { transformations: [capture.transformation] },
            );
            await recorder.settled();
            const providerUrn = await promiseOf(provider.urn);
            for (const child of ["hello-acr-namespace", "hello-acr-release"]) {
                assert.strictEqual(capture.optionsOf(child).provider, provider, child);
                assert.ok(recorder.providers.get(child)?.startsWith(`${providerUrn}::`), child);
            }
            // The chart download runs in this program (a dynamic resource), not in the cluster's provider.
            assert.strictEqual(capture.optionsOf("hello-acr-chart").provider, undefined);
            assert.ok(!recorder.providers.get("hello-acr-chart")?.startsWith(`${providerUrn}::`));
        });
    });

    describe("max: every option set, version taken from the publication", () => {
        it("passes each option through, pins the publication's digest and waits for the publication", async () => {
            const recorder = await installReleaseMocks({ publishedVersion: "1.4.2+build.7" });
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            const publication = new FakePublication("hello-acr-chart");
            const capture = captureOptions();
            const release = new ChartRelease(
                "web",
                {
                    provider,
                    publication,
                    chart: "oci://myregistry.azurecr.io:443/team-a/charts/hello-acr",
                    version: publication.version,
                    digest: publication.digest,
                    registryCredentials: credentials,
                    caCert,
                    plainHttp: true,
                    namespace: "team-a",
                    podSecurity: "baseline",
                    releaseName: "hello-web",
                    values: { replicaCount: 2, image: { registry: "myregistry.azurecr.io" } },
                    timeout: 900,
                    atomic: false,
                    skipAwait: true,
                },
                { transformations: [capture.transformation] },
            );
            assert.strictEqual(await promiseOf(release.releaseName), "hello-web");
            await recorder.settled();

            const download = recorder.one(downloadType);
            assert.strictEqual(download.name, "web-chart");
            assert.deepStrictEqual(ownInputs(download.inputs), {
                chart: "oci://myregistry.azurecr.io:443/team-a/charts/hello-acr",
                version: "1.4.2+build.7",
                expectedDigest: publishedDigest("1.4.2+build.7"),
                credentials: checkedCredentials,
                caCert,
                plainHttp: true,
            });

            const inputs = recorder.one(releaseType).inputs;
            const digestFolder = publishedDigest("1.4.2+build.7").replace(":", "-");
            assert.strictEqual(inputs.chart, `.pulumi-acr-helm/charts/${digestFolder}/hello-acr-1.4.2+build.7.tgz`);
            assert.strictEqual(inputs.version, "1.4.2+build.7");
            assert.strictEqual(inputs.repositoryOpts, undefined);
            assert.strictEqual(inputs.namespace, "team-a");
            assert.deepStrictEqual(inputs.values, { replicaCount: 2, image: { registry: "myregistry.azurecr.io" } });
            assert.deepStrictEqual([inputs.timeout, inputs.atomic, inputs.skipAwait], [900, false, true]);
            assert.strictEqual(recorder.one(namespaceType).inputs.metadata.labels["pod-security.kubernetes.io/enforce"], "baseline");
            // The release waits for the download through its chart input; the download waits for the publication.
            const dependsOn = capture.optionsOf("web-chart").dependsOn;
            assert.ok(Array.isArray(dependsOn) && dependsOn.includes(publication), "the download must depend on the publication");
            assert.strictEqual(await promiseOf(release.namespace), "team-a");
        });

        it("leaves the version unknown on a new stack's first preview, so the unpushed chart is not fetched", async () => {
            const recorder = await installReleaseMocks({ preview: true });
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            const publication = new FakePublication("hello-acr-chart");
            new ChartRelease("hello-acr", {
                provider,
                publication,
                chart: chartRef,
                version: publication.version,
                digest: publication.digest,
                registryCredentials: credentials,
            });
            await recorder.settled();
            const download = recorder.one(downloadType).inputs;
            assert.strictEqual(download.chart, chartRef);
            assert.ok(isUnknown(download.version), `download version should be unknown, got ${JSON.stringify(download.version)}`);
            assert.ok(
                isUnknown(download.expectedDigest),
                `expected digest should be unknown, got ${JSON.stringify(download.expectedDigest)}`,
            );
            const inputs = recorder.one(releaseType).inputs;
            assert.ok(isUnknown(inputs.version), `version should be unknown, got ${JSON.stringify(inputs.version)}`);
            assert.ok(isUnknown(inputs.chart), `chart (the download's path) should be unknown, got ${JSON.stringify(inputs.chart)}`);
        });
    });

    describe("secure: credentials only as secrets, existing namespace left alone", () => {
        it("sends the registry username and password only as secrets, and only to the chart download", async () => {
            const recorder = await installReleaseMocks();
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new ChartRelease("hello-acr", {
                provider,
                chart: chartRef,
                version: "0.1.0",
                registryCredentials: credentials,
                namespace: "apps",
                createNamespace: false,
            });
            await recorder.settled();

            assert.deepStrictEqual(recorder.ofType(namespaceType), []);
            const helmRelease = recorder.one(releaseType);
            assert.strictEqual(helmRelease.inputs.namespace, "apps");
            const download = recorder.one(downloadType);
            assert.deepStrictEqual(download.inputs.credentials, checkedCredentials);
            for (const field of ["credentials.username", "credentials.password"]) {
                assert.ok(underSecret(field, download.secretPaths), `${field} is not sent as a secret`);
            }
            // Helm gets a local file: the credentials never reach the release, not even as secrets.
            assert.ok(!("repositoryOpts" in helmRelease.inputs), "the release must not get repositoryOpts");
            for (const value of [credentials.username, password]) {
                assert.deepStrictEqual(pathsOf(helmRelease.inputs, value), [], "the release carries a credential");
            }
            for (const resource of recorder.resources) {
                for (const value of [credentials.username, password]) {
                    const exposed = pathsOf(resource.inputs, value).filter((p) => !underSecret(p, resource.secretPaths));
                    assert.deepStrictEqual(exposed, [], `${resource.name} exposes a credential in plain text`);
                }
            }
        });
    });
    describe("stuck releases: the Helm records are checked before Helm runs when the kubeconfig is given", () => {
        const kubeconfig = "apiVersion: v1\nkind: Config\nusers: [{name: u, user: {token: kube-t0ken}}]\n";

        it("a guard gets the kubeconfig only as a secret, the release's namespace, name and timeout, and Helm waits for it", async () => {
            const recorder = await installReleaseMocks();
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            const capture = captureOptions();
            new ChartRelease(
                "web",
                {
                    provider,
                    chart: chartRef,
                    version: "0.1.0",
                    registryCredentials: credentials,
                    kubeconfig,
                    recoverPendingRelease: true,
                    timeout: 120,
                },
                { transformations: [capture.transformation] },
            );
            await recorder.settled();
            const guard = recorder.one("acr-helm:index:ReleaseGuard");
            assert.strictEqual(guard.name, "web-guard");
            assert.deepStrictEqual(ownInputs(guard.inputs), {
                kubeconfig,
                namespace: "acr-helm-demo",
                releaseName: "web",
                recoverPendingRelease: true,
                pendingTimeout: 120,
            });
            assert.deepStrictEqual(guard.secretPaths, ["kubeconfig"]);
            const dependsOn = capture.optionsOf("web-release").dependsOn as unknown[];
            assert.strictEqual(dependsOn.length, 1);
            assert.ok(dependsOn[0] instanceof ReleaseGuard, "the Helm release depends on the guard");
        });

        it("without a kubeconfig there is no guard; recoverPendingRelease without one is refused by name before anything is created", async () => {
            const recorder = await installReleaseMocks();
            const provider = new k8s.Provider("cluster", { kubeconfig: "{}" });
            new ChartRelease("plain", { provider, chart: chartRef, version: "0.1.0", registryCredentials: credentials });
            assert.throws(
                () =>
                    new ChartRelease("refused", {
                        provider,
                        chart: chartRef,
                        version: "0.1.0",
                        registryCredentials: credentials,
                        recoverPendingRelease: true,
                    }),
                /recoverPendingRelease needs kubeconfig/,
            );
            await recorder.settled();
            assert.deepStrictEqual(recorder.ofType("acr-helm:index:ReleaseGuard"), []);
            assert.ok(
                !recorder.resources.some((resource) => resource.name.startsWith("refused")),
                "nothing of the refused release was registered",
            );
        });
    });
});
