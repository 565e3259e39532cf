import * as k8s from "@pulumi/kubernetes";
import * as pulumi from "@pulumi/pulumi";
import { publishAndRelease } from "../../components/release/publishAndRelease";
import { podSecurityLabels } from "../../components/release/release";
import type { AppChart, AppConfig } from "./config";

/** What the stack exports for each chart, keyed by release name. */
export interface ChartOutputs {
    readonly ref: pulumi.Output<string>;
    readonly version: pulumi.Output<string>;
    readonly digest: pulumi.Output<string>;
    readonly releaseNamespace: pulumi.Output<string>;
    readonly releaseStatus: pulumi.Output<string>;
    readonly releaseRevision: pulumi.Output<number>;
}

/** The platform's registry and cluster, read through a StackReference; its secrets stay secret here. */
function platformOf(cfg: AppConfig) {
    const platform = new pulumi.StackReference("platform", { name: cfg.platformStack });
    const text = (name: string) => platform.requireOutput(name).apply(String);
    const caCert = text("registryCaCert");
    const kubeconfig = text("kubeconfig");
    return {
        loginServer: text("loginServer"),
        credentials: cfg.registryCredentials ?? { username: text("pushClientId"), password: text("pushClientSecret") },
        // ACR's certificate chains to a public root: no CA, and an Output of undefined leaves the input unset.
        caCert: caCert.apply((pem) => (pem === "" ? undefined : pem)) as pulumi.Output<string>,
        cluster: new k8s.Provider("platform-cluster", { kubeconfig }),
        // Lets each release check its Helm records for a revision an interrupted deployment left pending.
        kubeconfig,
    };
}

type Platform = ReturnType<typeof platformOf>;

/** Each chart published to the platform's registry, then released from there into the platform's cluster. */
export function deployApp(cfg: AppConfig): Record<string, ChartOutputs> {
    const platform = platformOf(cfg);
    const namespaces = releaseNamespaces(cfg, platform);
    const outputs: Record<string, ChartOutputs> = {};
    for (const chart of cfg.charts) outputs[chart.releaseName] = deployChart(chart, cfg, platform, namespaces[chart.releaseNamespace]);
    return outputs;
}

/** One namespace per distinct release namespace (several charts may share one), with the restricted Pod Security. */
function releaseNamespaces(cfg: AppConfig, platform: Platform): Record<string, k8s.core.v1.Namespace> {
    const names = [...new Set(cfg.charts.map((chart) => chart.releaseNamespace))];
    return Object.fromEntries(
        names.map((name) => [
            name,
            new k8s.core.v1.Namespace(
                `namespace-${name}`,
                { metadata: { name, labels: podSecurityLabels("restricted") } },
                { provider: platform.cluster },
            ),
        ]),
    );
}

function deployChart(chart: AppChart, cfg: AppConfig, platform: Platform, namespace: k8s.core.v1.Namespace): ChartOutputs {
    const { publication, release } = publishAndRelease(
        { publication: `${chart.releaseName}-chart`, release: chart.releaseName },
        {
            chart: {
                chartPath: chart.path,
                loginServer: platform.loginServer,
                namespace: chart.namespace,
                credentials: platform.credentials,
                caCert: platform.caCert,
            },
            release: {
                provider: platform.cluster,
                namespace: chart.releaseNamespace,
                createNamespace: false,
                releaseName: chart.releaseName,
                skipAwait: cfg.skipAwait,
                kubeconfig: platform.kubeconfig,
                recoverPendingRelease: cfg.recoverPendingRelease,
                // Helm's atomic install waits too.
                atomic: !cfg.skipAwait,
            },
        },
        // The publication waits for the namespace, and the release (through its chart download) for the publication.
        { dependsOn: [namespace] },
    );
    return {
        ref: publication.ref,
        version: publication.version,
        digest: publication.digest,
        releaseNamespace: release.namespace,
        releaseStatus: release.status,
        releaseRevision: release.revision,
    };
}
