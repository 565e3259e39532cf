import * as assert from "assert";
import { demoYamlProblems } from "../../scripts/demo/checks";
import { prepareDemoWorkspace, DemoWorkspace } from "../../scripts/demo/workspace";
import { yamlWalkthrough, YamlWalkthroughResult } from "../../scripts/demo/yamlFlow";
import { closeSharedClients } from "../../chart/distribution/connection";
import { LocalCluster, startLocalCluster } from "../../scripts/local/kubeApiServer";
import { startRegistry, TestRegistry } from "../../scripts/local/registry";
import { assertNoSecretsIn } from "../../scripts/local/secretScanner";
import { ConsumerProject, createYamlConsumerProject } from "./support/consumerProject";
import { ENGINE_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";

describe("a Pulumi YAML program publishes and releases through the plugin of the packed package", function () {
    suiteDeadline(this, ENGINE_SUITE_LIMIT_MINUTES);
    this.timeout(900_000);
    const credentials = { username: "yaml-push", password: "yaml-Secret-0f-the-engine-test" };
    const lines: string[] = [];
    let registry: TestRegistry;
    let cluster: LocalCluster;
    let consumer: ConsumerProject;
    let work: DemoWorkspace;
    let result: YamlWalkthroughResult;

    before(async () => {
        registry = await startRegistry({
            auth: "htpasswd",
            tls: true,
            accessLog: true,
            users: { [credentials.username]: { password: credentials.password, actions: ["pull", "push", "delete"] } },
        });
        cluster = await startLocalCluster({ simulatedNodes: 1 });
        consumer = createYamlConsumerProject();
        work = prepareDemoWorkspace(consumer.dir);
        result = await yamlWalkthrough({ registry, cluster, work, credentials, log: (line) => lines.push(line) });
    });

    after(async () => {
        closeSharedClients();
        work?.dispose();
        consumer?.dispose();
        await cluster?.stop();
        await registry?.stop();
    });

    it("preview sends no request; up, a no-op up, a version bump and destroy all succeed", () => {
        assert.deepStrictEqual(demoYamlProblems(result), []);
    });

    it("the state holds the plugin's resources and the remote component, nothing dynamic", () => {
        for (const type of ["acr-helm:index:ChartPublication", "acr-helm:index:ChartDownload", "acr-helm:release:ChartRelease"])
            assert.ok(result.stateTypes.includes(type), `${type} in ${result.stateTypes.join(", ")}`);
        assert.ok(!result.stateTypes.some((type) => type.startsWith("pulumi-nodejs")), result.stateTypes.join(", "));
    });

    it("no password, token or passphrase appears in pulumi's output, in any spelling", () => {
        assertNoSecretsIn(
            [{ where: "the walkthrough's output", text: lines.join("\n") }],
            [
                { name: "registry password", value: credentials.password, username: credentials.username },
                { name: "API server token", value: cluster.token },
                { name: "stack passphrase", value: work.passphrase },
            ],
            "pulumi's output",
        );
    });

    it("no password, token or passphrase appears in the state, in any spelling", () => {
        assert.deepStrictEqual(result.plaintextSecrets, []);
    });
});
