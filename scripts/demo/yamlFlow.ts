import * as path from "path";
import { RegistryRequests } from "../local/registryRequests";
import { listChartVersions } from "../../chart/helmOci/list";
import { backendFiles, describeFindings, findSecrets } from "../local/secretScanner";
import { setChartVersion } from "../local/chartVersion";
import { findRepoRoot } from "../local/tools";
import { configure, pulumiLines, releaseOutputs, ReleaseOutputs, Walkthrough } from "./stackSteps";

export interface YamlWalkthroughResult {
    /** Requests the registry answered while the first `pulumi preview` ran. */
    readonly previewRequests: number;
    readonly first: ReleaseOutputs;
    readonly secondUpNoChanges: boolean;
    readonly afterBump: ReleaseOutputs;
    /** Versions of yaml-charts/hello-acr in the registry after the bump. */
    readonly versions: string[];
    /** Resource types in the state after the first up. */
    readonly stateTypes: string[];
    readonly plaintextSecrets: string[];
}

/**
 * The walkthrough again, written in Pulumi YAML (examples/yaml): the provider plugin publishes the chart and builds
 * the ChartRelease component for a program that runs no Node.js of its own.
 */
export async function yamlWalkthrough({ registry, cluster, work, credentials, log }: Walkthrough): Promise<YamlWalkthroughResult> {
    const stack = work.stack;
    const show = (chunk: string) => pulumiLines(chunk).forEach((line) => log(`    ${line}`));
    log(
        `==> The same in Pulumi YAML: pulumi stack init ${stack.name}   (project ${path.relative(findRepoRoot(), stack.workspace.projectDir)})`,
    );
    await stack.init();
    await configure(stack, registry, cluster, work, credentials);

    log("==> pulumi preview   (YAML)");
    const requests = await RegistryRequests.start(registry);
    await stack.expect(["preview"], { onOutput: show });
    const previewRequests = (await requests.settled()).length;
    log(`    requests the registry answered during preview: ${previewRequests}`);

    log("==> pulumi up   (YAML)");
    await stack.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
    const first = await releaseOutputs(stack);
    const exported = JSON.parse(await stack.exportState()) as { deployment: { resources: { type: string }[] } };
    const stateTypes = exported.deployment.resources.map((resource) => resource.type);
    log(
        `    ${first.chartRef}:${first.chartVersion} (${first.chartDigest}), release ${first.releaseStatus}, revision ${first.releaseRevision}`,
    );

    log("==> pulumi up   (YAML, nothing changed: expect no changes)");
    const second = await stack.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { onOutput: show });

    log("==> Bumping the chart to 0.2.0, then pulumi up   (YAML)");
    setChartVersion(work.chartDir, "0.2.0");
    await stack.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
    const afterBump = await releaseOutputs(stack);
    const versions = await listChartVersions({
        registry: registry.host,
        credentials,
        caCert: registry.caCertPem,
        repository: "yaml-charts/hello-acr",
    });
    log(`    release revision ${afterBump.releaseRevision}; versions in the registry: yaml-charts/hello-acr [${versions.join(", ")}]`);

    const secrets = [
        { name: "registry password", value: credentials.password, username: credentials.username },
        { name: "API server token", value: cluster.token },
        { name: "stack passphrase", value: work.passphrase },
    ];
    const plaintextSecrets = describeFindings(
        findSecrets([{ where: "pulumi stack export", text: await stack.exportState() }, ...backendFiles(work.backendDir)], secrets),
    );

    log("==> pulumi destroy   (YAML)");
    await stack.expect(["destroy", "--yes", "--skip-preview"], { onOutput: show });
    return { previewRequests, first, secondUpNoChanges: second.code === 0, afterBump, versions, stateTypes, plaintextSecrets };
}
