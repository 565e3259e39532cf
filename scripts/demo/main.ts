import { demoProblems } from "./checks";
import { runDemo } from "./flow";

/** `npm run demo`: the publish-and-deploy walkthrough with the real Pulumi CLI against a local registry and API server. */
async function main(): Promise<void> {
    const started = Date.now();
    const result = await runDemo((line) => console.log(line));
    const problems = demoProblems(result);
    if (problems.length > 0) throw new Error(problems.join("; "));
    console.log(
        `\nDemo finished in ${Math.round((Date.now() - started) / 1000)} s: ${result.afterBump.chartRef} 0.1.0 and 0.2.0 published, ` +
            `released (revision ${result.afterBump.releaseRevision}, ${result.afterBump.releaseStatus}) and destroyed; both versions stay in the registry. ` +
            `Platform and app stacks on ${result.teams.backendUrl} (Azurite): ${result.teams.afterBump.ref} ${result.teams.afterBump.version} ` +
            `released through a StackReference (revision ${result.teams.afterBump.releaseRevision}), then both destroyed.`,
    );
}

main().catch((error) => {
    console.error(`Demo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
});
