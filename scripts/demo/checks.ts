import type { DemoResult } from "./flow";
import { APP_TEAM, TeamWalkthroughResult } from "./teamFlow";
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
    problems.push(...demoTeamProblems(result.teams).map((problem) => `platform and app stacks: ${problem}`));
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

/** What the platform and application stacks on Azurite must show. */
export function demoTeamProblems(teams: TeamWalkthroughResult): string[] {
    const problems: string[] = [];
    const expect = (ok: boolean, problem: string) => {
        if (!ok) problems.push(problem);
    };
    expect(teams.backendUrl.startsWith("azblob://"), `the state backend is ${teams.backendUrl}, not azblob://`);
    expect(
        teams.first.ref === `oci://${teams.platformLoginServer}/${APP_TEAM}/hello-acr`,
        `the app published to ${teams.first.ref}, not to the platform's registry ${teams.platformLoginServer}`,
    );
    expect(
        teams.first.version === "0.1.0" && teams.first.releaseStatus === "deployed" && teams.first.releaseRevision === 1,
        `app release after the first up: ${JSON.stringify(teams.first)}`,
    );
    expect(teams.secondUpNoChanges, "the app stack's second pulumi up changed something");
    expect(
        teams.afterBump.version === "0.2.0" && teams.afterBump.releaseStatus === "deployed" && teams.afterBump.releaseRevision === 2,
        `app release after the bump: ${JSON.stringify(teams.afterBump)}`,
    );
    const stacks = teams.stateBlobs.filter((name) => /^\.pulumi\/stacks\/.+\.json$/.test(name));
    expect(
        stacks.length >= 2,
        `the Blob container holds ${stacks.length} stack state objects, not both stacks: ${teams.stateBlobs.join(", ")}`,
    );
    expect(teams.plaintextSecrets.length === 0, `secrets in plain text in the Blob store: ${teams.plaintextSecrets.join(", ")}`);
    expect(teams.namespacesAfterDestroy.length === 0, `namespaces left after destroy: ${teams.namespacesAfterDestroy.join(", ")}`);
    return problems;
}
