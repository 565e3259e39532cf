import type { DemoResult } from "./flow";
import type { YamlWalkthroughResult } from "./yamlFlow";

/** What the walkthrough must show; each entry is a failed expectation. */
export function demoProblems(result: DemoResult): string[] {
    const problems: string[] = [];
    const expect = (ok: boolean, problem: string) => {
        if (!ok) problems.push(problem);
    };
    expect(result.previewRequests === 0, `the first preview sent ${result.previewRequests} requests to the registry`);
    expect(result.first.releaseStatus === "deployed", `release status after the first up is '${result.first.releaseStatus}'`);
    expect(result.first.releaseRevision === 1, `release revision after the first up is ${result.first.releaseRevision}`);
    expect(result.firstReadyPods.length === 1, `pods ready after the first up: [${result.firstReadyPods.join(", ")}], not one`);
    expect(result.secondUpNoChanges, "the second pulumi up changed something");
    expect(result.afterBump.chartVersion === "0.2.0", `chart version after the bump is ${result.afterBump.chartVersion}`);
    expect(result.afterBump.releaseStatus === "deployed", `release status after the bump is '${result.afterBump.releaseStatus}'`);
    expect(result.afterBump.releaseRevision === 2, `release revision after the bump is ${result.afterBump.releaseRevision}`);
    for (const [namespace, versions] of Object.entries(result.versions)) {
        expect(
            versions.includes("0.1.0") && versions.includes("0.2.0"),
            `${namespace} lists versions [${versions.join(", ")}], not 0.1.0 and 0.2.0`,
        );
    }
    expect(result.plaintextSecrets.length === 0, `secrets in plain text in the state: ${result.plaintextSecrets.join(", ")}`);
    expect(result.namespacesAfterDestroy.length === 0, `namespaces left after destroy: ${result.namespacesAfterDestroy.join(", ")}`);
    problems.push(...demoYamlProblems(result.yaml).map((problem) => `YAML: ${problem}`));
    return problems;
}

/** What the YAML walkthrough must show. */
export function demoYamlProblems(yaml: YamlWalkthroughResult): string[] {
    const problems: string[] = [];
    const expect = (ok: boolean, problem: string) => {
        if (!ok) problems.push(problem);
    };
    expect(yaml.previewRequests === 0, `the first preview sent ${yaml.previewRequests} requests to the registry`);
    expect(
        yaml.first.releaseStatus === "deployed" && yaml.first.releaseRevision === 1,
        `release after the first up: ${JSON.stringify(yaml.first)}`,
    );
    expect(yaml.secondUpNoChanges, "the second pulumi up changed something");
    expect(
        yaml.afterBump.chartVersion === "0.2.0" && yaml.afterBump.releaseRevision === 2,
        `after the bump: ${JSON.stringify(yaml.afterBump)}`,
    );
    expect(yaml.versions.includes("0.1.0") && yaml.versions.includes("0.2.0"), `registry lists [${yaml.versions.join(", ")}]`);
    const dynamic = yaml.stateTypes.filter((type) => type.startsWith("pulumi-nodejs:dynamic"));
    expect(dynamic.length === 0, `dynamic resources in the state: ${dynamic.join(", ")}`);
    expect(
        yaml.stateTypes.includes("acr-helm:release:ChartRelease"),
        `no ChartRelease component in the state: ${yaml.stateTypes.join(", ")}`,
    );
    expect(yaml.plaintextSecrets.length === 0, `secrets in plain text in the state: ${yaml.plaintextSecrets.join(", ")}`);
    return problems;
}
