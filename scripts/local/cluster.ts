// Starts the local cluster (etcd, kube-apiserver, kube-controller-manager and, when installed, kube-scheduler and
// one KWOK-simulated node) and keeps it running until Ctrl-C (SIGINT) or SIGTERM.
// Usage (after `npx tsc -p .` and scripts/setup-tools.sh): node dist/scripts/local/cluster.js
import { startLocalCluster } from "./kubeApiServer";

async function main(): Promise<void> {
    const cluster = await startLocalCluster();
    let stopping = false;
    const shutdown = (signal: string) => {
        if (stopping) return;
        stopping = true;
        process.stdout.write(`\n${signal}: stopping the local cluster\n`);
        cluster.stop().then(
            () => process.exit(0),
            (err: Error) => {
                process.stderr.write(`stop failed: ${err.message}\n`);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", () => shutdown("SIGINT"));
    process.on("SIGTERM", () => shutdown("SIGTERM"));
    // The kubeconfig holds an admin token: print where it is, never its content.
    process.stdout.write(`API server: ${cluster.server}\nexport KUBECONFIG=${cluster.kubeconfigPath}\nPress Ctrl-C to stop.\n`);
}

main().catch((err: Error) => {
    process.stderr.write(`local cluster failed to start: ${err.message}\n`);
    process.exit(1);
});
