import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { LocalBlobStorage, startAzurite } from "../../../scripts/local/azurite";
import { LocalCluster, startLocalCluster } from "../../../scripts/local/kubeApiServer";
import type { PulumiStack } from "../../../scripts/local/pulumiStack";
import { startRegistry, TestRegistry } from "../../../scripts/local/registry";
import { STATE_CONTAINER, TeamStacks } from "../../../scripts/local/teamStacks";
import { repoRoot } from "../../support/paths";

export const PUSH = { username: "platform-push", password: "platform-Secret-pa55-of-the-push-identity" };
/** Pull-only registry credentials, as a pull request's preview job gets them. */
export const READER = { username: "pr-reader", password: "pr-reader-Secret-pa55-pull-only" };

/** Local Blob storage holding the shared state, a registry and a cluster, and the platform stack already up. */
export interface TeamEnvironment {
    readonly storage: LocalBlobStorage;
    readonly registry: TestRegistry;
    readonly cluster: LocalCluster;
    readonly teams: TeamStacks;
    readonly platform: PulumiStack;
    /** Copies charts/hello-acr to a temporary directory as chart `name`; returns its directory. */
    chart(team: string, name: string): string;
    dispose(): Promise<void>;
}

export async function startTeamEnvironment(): Promise<TeamEnvironment> {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-teams-"));
    const [storage, registry, cluster] = await Promise.all([
        startAzurite(),
        startRegistry({
            auth: "htpasswd",
            tls: true,
            accessLog: true,
            users: {
                [PUSH.username]: { password: PUSH.password, actions: ["pull", "push", "delete"] },
                [READER.username]: { password: READER.password, actions: ["pull"] },
            },
        }),
        startLocalCluster(),
    ]);
    let teams: TeamStacks | undefined;
    const dispose = async () => {
        teams?.dispose();
        closeSharedClients();
        await Promise.all([cluster.stop(), registry.stop(), storage.stop()]);
        fs.rmSync(root, { recursive: true, force: true });
    };
    try {
        await storage.createContainer(STATE_CONTAINER);
        teams = new TeamStacks(storage);
        const platform = await teams.createPlatform("platform", { registry, cluster, pushCredentials: PUSH });
        await platform.expect(["up", "--yes", "--skip-preview"]);
        const chart = (team: string, name: string) => {
            const dir = path.join(root, team, name);
            fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), dir, { recursive: true });
            const file = path.join(dir, "Chart.yaml");
            fs.writeFileSync(file, fs.readFileSync(file, "utf8").replace(/^name:.*$/m, `name: ${name}`));
            return dir;
        };
        return { storage, registry, cluster, teams, platform, chart, dispose };
    } catch (error) {
        await dispose();
        throw error;
    }
}

/** Waits until the backend holds a lock object for `stack`, e.g. while an `up` of it runs. */
export async function waitForLock(storage: LocalBlobStorage, stack: PulumiStack, timeoutMs = 60_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
        const lock = (await storage.listBlobs(STATE_CONTAINER)).find(
            (blob) => blob.name.startsWith(".pulumi/locks/") && blob.name.includes(`/${stack.name}/`),
        );
        if (lock) return lock.name;
        if (Date.now() > deadline) throw new Error(`no lock of ${stack.name} appeared in the backend within ${timeoutMs / 1000} s`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
}
