import { closeSharedClients } from "../../../chart/distribution/connection";
import { LocalCluster, startLocalCluster } from "../../../scripts/local/kubeApiServer";
import { startRegistry, TestRegistry } from "../../../scripts/local/registry";
import { assertNoSecretsIn, backendFiles, ScannedText } from "../../../scripts/local/secretScanner";
import { HelmCli, installedHelm } from "../../chart/oci/helmCli";
import { ConsumerProject, createConsumerProject } from "./consumerProject";
import { PASSPHRASE, PASSWORD, PublicationStack, PublicationStacks, USERNAME } from "./publicationStacks";
import { RELEASE_WAIT_PROGRAM } from "./releaseWaitProgram";

/** `helm history` of a release as [revision, status, description] rows. */
export type HistoryRow = [number, string, string];

/**
 * A registry, a local cluster whose pods run (one simulated node), the release-wait consumer program and Helm to
 * inspect what it did; `stop` ends them all.
 */
export interface ReleaseCluster {
    readonly registry: TestRegistry;
    readonly cluster: LocalCluster;
    readonly stacks: PublicationStacks;
    readonly helm: HelmCli;
    /** A stack of the program publishing its own chart copy and releasing into namespace `name`. */
    releaseStack(name: string, config?: Record<string, string>): Promise<PublicationStack>;
    history(release: string, namespace: string): Promise<HistoryRow[]>;
    /**
     * Throws unless none of the stacks' secrets (registry password, the cluster's token, the stack passphrase) is in
     * any of `outputs` (pulumi's output, an export) or any file of the state backend, in any spelling.
     */
    assertNoSecrets(outputs: ScannedText[]): void;
    stop(): Promise<void>;
}

export async function startReleaseCluster(): Promise<ReleaseCluster> {
    const registry = await startRegistry({ auth: "htpasswd", users: { [USERNAME]: { password: PASSWORD, actions: ["pull", "push"] } } });
    let cluster: LocalCluster | undefined;
    let consumer: ConsumerProject | undefined;
    try {
        cluster = await startLocalCluster({ simulatedNodes: 1 });
        consumer = createConsumerProject(RELEASE_WAIT_PROGRAM, ["@pulumi/kubernetes@4.34.2"]);
    } catch (error) {
        consumer?.dispose();
        await cluster?.stop();
        await registry.stop();
        throw error;
    }
    const started = cluster;
    const project = consumer;
    const stacks = new PublicationStacks(project, registry);
    const helm = new HelmCli(installedHelm());
    return {
        registry,
        cluster: started,
        stacks,
        helm,
        async releaseStack(name, config = {}) {
            const created = await stacks.create(name, { namespace: name, ...config });
            await created.stack.setConfig("kubeconfig", started.kubeconfig, { secret: true });
            return created;
        },
        async history(release, namespace) {
            const entries = JSON.parse(
                await helm.run(["history", release, "-n", namespace, "-o", "json"], undefined, { KUBECONFIG: started.kubeconfigPath }),
            ) as { revision: number; status: string; description: string }[];
            return entries.map((entry) => [entry.revision, entry.status, entry.description]);
        },
        assertNoSecrets(outputs) {
            assertNoSecretsIn(
                [...outputs, ...backendFiles(stacks.backendDir)],
                [
                    { name: "registry password", value: PASSWORD, username: USERNAME },
                    { name: "API server token", value: started.token },
                    { name: "stack passphrase", value: PASSPHRASE },
                ],
                "pulumi's output and the state",
            );
        },
        async stop() {
            closeSharedClients();
            helm.cleanup();
            stacks.dispose();
            project.dispose();
            await started.stop();
            await registry.stop();
        },
    };
}
