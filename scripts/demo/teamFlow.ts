import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { startAzurite } from "../local/azurite";
import { setChartVersion } from "../local/chartVersion";
import type { LocalCluster } from "../local/kubeApiServer";
import { backendFiles, describeFindings, findSecrets } from "../local/secretScanner";
import type { PulumiStack } from "../local/pulumiStack";
import type { TestRegistry } from "../local/registry";
import { STATE_CONTAINER, TeamStacks } from "../local/teamStacks";
import { findRepoRoot } from "../local/tools";
import { Log, namespaceNames, pulumiLines } from "./stackSteps";

export const APP_TEAM = "team-a";

/** The app stack's `charts.hello-acr` output. */
export interface AppRelease {
    readonly ref: string;
    readonly version: string;
    readonly releaseStatus: string;
    readonly releaseRevision: number;
}

export interface TeamWalkthroughResult {
    /** The `azblob://` URL of the shared state, and where the Blob service listened. */
    readonly backendUrl: string;
    readonly blobEndpoint: string;
    /** The platform's login server as the app stack read it through its StackReference. */
    readonly platformLoginServer: string;
    readonly first: AppRelease;
    readonly secondUpNoChanges: boolean;
    readonly afterBump: AppRelease;
    /** Blob names in the state container after both stacks were up. */
    readonly stateBlobs: string[];
    /** Secrets found, in any spelling, in the Blob service's raw files or `pulumi stack export`: "<name> as <form> in <where>". */
    readonly plaintextSecrets: string[];
    /** The team's namespace, if the API server still lists it after destroy. */
    readonly namespacesAfterDestroy: string[];
}

export interface TeamWalkthrough {
    readonly registry: TestRegistry;
    readonly cluster: LocalCluster;
    readonly credentials: { username: string; password: string };
    readonly log: Log;
}

/**
 * The platform and application teams (stacks/platform, stacks/app) on shared state in local Azure Blob storage
 * (Azurite): platform up, app up through a StackReference, a no-op up, a chart bump, destroy of both.
 */
export async function teamWalkthrough({ registry, cluster, credentials, log }: TeamWalkthrough): Promise<TeamWalkthroughResult> {
    log("==> Platform and application stacks: starting local Azure Blob storage (Azurite) for the shared state");
    const storage = await startAzurite();
    const chartRoot = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-team-demo-"));
    let teams: TeamStacks | undefined;
    try {
        await storage.createContainer(STATE_CONTAINER);
        teams = new TeamStacks(storage);
        log(`    Blob service: ${storage.account.endpoint}; state: ${teams.backendUrl}`);
        const show = (chunk: string) => pulumiLines(chunk).forEach((line) => log(`    ${line}`));

        const platform = await teams.createPlatform("platform", { registry, cluster, pushCredentials: credentials });
        log(`==> pulumi up   (stacks/platform, stack ${platform.name}: the local registry and API server as its outputs)`);
        await platform.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
        const platformLoginServer = String((await platform.outputs()).loginServer);

        const chartDir = path.join(chartRoot, "hello-acr");
        fs.cpSync(path.join(findRepoRoot(), "charts", "hello-acr"), chartDir, { recursive: true });
        const app = await teams.createApp(APP_TEAM, platform, [{ path: chartDir, namespace: APP_TEAM }], { skipAwait: false });
        log(`==> pulumi up   (stacks/app, stack ${app.name}: reads ${platform.name} through a StackReference)`);
        await app.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
        const first = await appRelease(app);
        log(`    ${first.ref}:${first.version}, release ${first.releaseStatus}, revision ${first.releaseRevision}`);

        log("==> pulumi up   (stacks/app, nothing changed: expect no changes)");
        const second = await app.run(["up", "--yes", "--skip-preview", "--expect-no-changes"], { onOutput: show });

        log("==> Bumping the app's chart to 0.2.0, then pulumi up   (stacks/app)");
        setChartVersion(chartDir, "0.2.0");
        await app.expect(["up", "--yes", "--skip-preview"], { onOutput: show });
        const afterBump = await appRelease(app);
        log(`    ${afterBump.ref}:${afterBump.version}, release revision ${afterBump.releaseRevision}`);

        const stateBlobs = (await storage.listBlobs(STATE_CONTAINER)).map((blob) => blob.name);
        log(`    state objects in the Blob container: ${stateBlobs.length}`);
        log("==> Looking for secrets in plain text in the Blob service's raw files and pulumi stack export");
        const secrets = [
            { name: "registry password", value: credentials.password, username: credentials.username },
            { name: "API server token", value: cluster.token },
            { name: "stack passphrase", value: teams.passphrase },
        ];
        const exported = [await platform.exportState(), await app.exportState()];
        const plaintextSecrets = describeFindings(
            findSecrets(
                [
                    { where: "platform export", text: exported[0] },
                    { where: "app export", text: exported[1] },
                    ...backendFiles(storage.location),
                ],
                secrets,
            ),
        );
        log(plaintextSecrets.length === 0 ? "    none: every secret is encrypted" : `    FOUND: ${plaintextSecrets.join(", ")}`);

        log("==> pulumi destroy   (stacks/app, then stacks/platform)");
        await app.expect(["destroy", "--yes", "--skip-preview"], { onOutput: show });
        await platform.expect(["destroy", "--yes", "--skip-preview"], { onOutput: show });
        const namespacesAfterDestroy = (await namespaceNames(cluster)).filter((name) => name === APP_TEAM);
        return {
            backendUrl: teams.backendUrl,
            blobEndpoint: storage.account.endpoint,
            platformLoginServer,
            first,
            secondUpNoChanges: second.code === 0,
            afterBump,
            stateBlobs,
            plaintextSecrets,
            namespacesAfterDestroy,
        };
    } finally {
        teams?.dispose();
        fs.rmSync(chartRoot, { recursive: true, force: true });
        await storage.stop();
    }
}

async function appRelease(app: PulumiStack): Promise<AppRelease> {
    const charts = (await app.outputs()).charts as Record<string, AppRelease> | undefined;
    const release = charts?.["hello-acr"];
    if (!release) throw new Error(`stack ${app.name} exports no chart hello-acr: ${JSON.stringify(charts)}`);
    return release;
}
