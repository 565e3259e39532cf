import { runDemo } from "./demo/flow";

/** `npm run demo`: the publish-and-deploy walkthrough against a local registry and Kubernetes API server. */
async function main(): Promise<void> {
    const result = await runDemo((line) => console.log(line));
    const problems = [
        result.republishChanges ? "re-publishing the unchanged chart reported a change" : "",
        result.releaseStatus !== "deployed" ? `release status is '${result.releaseStatus}', not 'deployed'` : "",
        result.deployments.length === 0 ? "the release created no deployment" : "",
        result.deploymentsAfterUninstall.length > 0 ? "deployments remain after uninstall" : "",
    ].filter(Boolean);
    if (problems.length > 0) throw new Error(problems.join("; "));
    console.log(`\nDemo finished: ${result.chartRef}:${result.version} was published, installed (deployed) and uninstalled.`);
}

main().catch((error) => {
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
