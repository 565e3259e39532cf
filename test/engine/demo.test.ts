import * as assert from "assert";
import * as net from "net";
import { demoProblems } from "../../scripts/demo/checks";
import { DemoResult, runDemo } from "../../scripts/demo/flow";
import { assertNoSecretsIn } from "../../scripts/local/secretScanner";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

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

describe("npm run demo: the examples/local project through preview, up, no-op up, version bump and destroy", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    const lines: string[] = [];
    const credentials = { username: "demo-push", password: "demo-Secret-0f-the-engine-test" };
    let result: DemoResult;

    before(async () => {
        result = await runDemo((line) => lines.push(line), credentials);
    });

    it("the first preview sends no request to the registry", () => {
        assert.strictEqual(result.previewRequests, 0);
    });

    it("ChartRelease installs the publication from oci:// with the publication's credentials, waits for its pod: deployed, revision 1", () => {
        assert.match(result.first.chartRef, /^oci:\/\/127\.0\.0\.1:\d+\/charts\/hello-acr$/);
        assert.strictEqual(result.first.chartVersion, "0.1.0");
        assert.strictEqual(result.first.releaseStatus, "deployed");
        assert.strictEqual(result.first.releaseRevision, 1);
        // With ChartRelease's defaults (skipAwait false) `up` returned only once the Deployment's pod was ready.
        assert.deepStrictEqual(
            result.firstReadyPods.map((pod) => pod.split("/")[0]),
            ["kwok-node-0"],
        );
    });

    it("a second up with nothing changed reports no changes", () => {
        assert.strictEqual(result.secondUpNoChanges, true);
    });

    it("a version bump publishes 0.2.0 in both namespaces, upgrades the release to revision 2 and keeps 0.1.0", () => {
        assert.strictEqual(result.afterBump.chartVersion, "0.2.0");
        assert.strictEqual(result.afterBump.releaseRevision, 2);
        assert.strictEqual(result.afterBump.releaseStatus, "deployed");
        assert.deepStrictEqual(result.versions, { charts: ["0.2.0", "0.1.0"], myHelmCharts: ["0.2.0", "0.1.0"] });
    });

    it("no secret is in the exported state or the state files, in any spelling", () => {
        assert.deepStrictEqual(result.plaintextSecrets, []);
    });

    it("destroy removes the release's namespace from the API server", () => {
        assert.deepStrictEqual(result.namespacesAfterDestroy, []);
    });

    it("runs the platform and app stacks on azblob:// state in Azurite: app up through the StackReference, a no-op, a chart bump, destroy", () => {
        const teams = result.teams;
        assert.match(teams.backendUrl, /^azblob:\/\//);
        assert.strictEqual(teams.first.ref, `oci://${result.registryHost}/team-a/hello-acr`);
        assert.deepStrictEqual([teams.first.version, teams.first.releaseStatus, teams.first.releaseRevision], ["0.1.0", "deployed", 1]);
        assert.strictEqual(teams.secondUpNoChanges, true);
        assert.deepStrictEqual(
            [teams.afterBump.version, teams.afterBump.releaseStatus, teams.afterBump.releaseRevision],
            ["0.2.0", "deployed", 2],
        );
        assert.deepStrictEqual(teams.plaintextSecrets, []);
        assert.deepStrictEqual(teams.namespacesAfterDestroy, []);
    });

    it("passes every check npm run demo makes, prints Pulumi's own output, and never the secrets", () => {
        assert.deepStrictEqual(demoProblems(result), []);
        const output = lines.join("\n");
        for (const step of ["pulumi preview", "pulumi up", "pulumi destroy", "Resources:", "Stopping everything"]) {
            assert.ok(output.includes(step), `'${step}' printed`);
        }
        assertNoSecretsIn(
            [{ where: "the demo's output", text: output }],
            [{ name: "registry password", value: credentials.password, username: credentials.username }],
            "the demo's output",
        );
    });

    it("stops the registry and the API server it started", async () => {
        assert.strictEqual(await portOpen(result.registryHost), false);
        assert.strictEqual(await portOpen(result.apiServer), false);
    });
});
