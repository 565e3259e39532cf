import * as assert from "assert";
import * as net from "net";
import { NAMESPACE, runDemo } from "../../scripts/demo/flow";

function portOpen(hostPort: string): Promise<boolean> {
    const url = new URL(hostPort.includes("://") ? hostPort : `http://${hostPort}`);
    return new Promise((resolve) => {
        const socket = net.connect({ host: url.hostname, port: Number(url.port) });
        socket.once("connect", () => {
            socket.destroy();
            resolve(true);
        });
        socket.once("error", () => resolve(false));
    });
}

describe("npm run demo's flow: publish to a local registry, install from oci:// into a local API server", function () {
    this.timeout(240_000);
    const lines: string[] = [];
    const credentials = { username: "e2e-push", password: "e2e-Secret-0f-the-demo" };
    let result: Awaited<ReturnType<typeof runDemo>>;

    before(async () => {
        result = await runDemo((line) => lines.push(line), credentials);
    });

    it("publishes the demo chart through the provider, and an unchanged re-publish is no change", () => {
        assert.match(result.chartRef, /^oci:\/\/127\.0\.0\.1:\d+\/helm\/hello-acr$/);
        assert.strictEqual(result.version, "0.1.0");
        assert.match(result.digest, /^sha256:[a-f0-9]{64}$/);
        assert.strictEqual(result.republishChanges, false);
        assert.deepStrictEqual(result.listedVersions, ["0.1.0"]);
    });

    it("Helm installs the release from oci:// and lists it as deployed, with its objects in the API", () => {
        assert.strictEqual(result.releaseStatus, "deployed");
        assert.deepStrictEqual(result.deployments, ["acr-helm-demo-1-hello-acr"]);
        assert.deepStrictEqual(result.services, ["acr-helm-demo-1-hello-acr"]);
        assert.ok(lines.some((line) => line.includes(`helm install acr-helm-demo-1 ${result.chartRef} --version 0.1.0 -n ${NAMESPACE}`)));
    });

    it("helm uninstall removes the release's objects", () => {
        assert.deepStrictEqual(result.deploymentsAfterUninstall, []);
    });

    it("prints every step and never the registry password", () => {
        const output = lines.join("\n");
        for (const step of ["Starting a local OCI registry", "Starting a local Kubernetes API server", "Publishing", "helm list", "helm uninstall", "Stopping everything"]) {
            assert.ok(output.includes(step), `step '${step}' printed`);
        }
        assert.ok(!output.includes(credentials.password));
    });

    it("stops the registry and the API server it started", async () => {
        assert.strictEqual(await portOpen(result.registryHost), false);
        assert.strictEqual(await portOpen(result.apiServer), false);
    });
});
