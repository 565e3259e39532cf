import { randomBytes } from "crypto";
import * as path from "path";
import type { LocalBlobStorage } from "./azurite";
import type { LocalCluster } from "./kubeApiServer";
import { PulumiWorkspace } from "./pulumiCli";
import { PulumiStack } from "./pulumiStack";
import type { TestRegistry } from "./registry";
import { findRepoRoot } from "./tools";

/** The Blob container holding the shared Pulumi state. */
export const STATE_CONTAINER = "pulumi-state";

export interface PlatformStandIns {
    readonly registry: TestRegistry;
    readonly cluster: LocalCluster;
    readonly pushCredentials: { readonly username: string; readonly password: string };
}

export interface AppChartSetting {
    readonly path: string;
    readonly namespace?: string;
    readonly releaseName?: string;
    readonly releaseNamespace?: string;
}

/**
 * The platform project (stacks/platform) and the application project (stacks/app) on one `azblob://` backend in
 * local Blob storage. Stack names get a random suffix: their config files live in the project directories.
 */
export class TeamStacks {
    readonly backendUrl = `azblob://${STATE_CONTAINER}`;
    readonly passphrase = randomBytes(18).toString("base64url");
    private readonly suffix = randomBytes(3).toString("hex");
    private readonly created: PulumiStack[] = [];

    constructor(readonly storage: LocalBlobStorage) {}

    /** A workspace of a project under stacks/ on the shared backend; `env` adds to (or overrides) its environment. */
    workspace(project: "platform" | "app", env: Record<string, string> = {}, projectDir?: string): PulumiWorkspace {
        return new PulumiWorkspace({
            projectDir: projectDir ?? path.join(findRepoRoot(), "stacks", project),
            backendUrl: this.backendUrl,
            passphrase: this.passphrase,
            env: { ...this.storage.backendEnv(), ...env },
        });
    }

    /** A platform stack whose `target: local` hands the local registry and cluster over as its outputs. */
    async createPlatform(name: string, standIns: PlatformStandIns): Promise<PulumiStack> {
        const stack = this.track(new PulumiStack(this.workspace("platform"), `${name}-${this.suffix}`));
        await stack.init();
        await stack.setConfig("target", "local");
        await stack.setConfig("registry", standIns.registry.host);
        await stack.setConfig("registryCaCert", standIns.registry.caCertPem ?? "");
        await stack.setConfig("registryUsername", standIns.pushCredentials.username);
        await stack.setConfig("registryPassword", standIns.pushCredentials.password, { secret: true });
        await stack.setConfig("kubeconfig", standIns.cluster.kubeconfig, { secret: true });
        return stack;
    }

    /** An app stack reading `platform`; the local cluster runs no pods, so releases do not wait for readiness. */
    async createApp(name: string, platform: PulumiStack, charts: AppChartSetting[]): Promise<PulumiStack> {
        const stack = this.track(new PulumiStack(this.workspace("app"), `${name}-${this.suffix}`));
        await stack.init();
        await stack.setConfig("platformStack", `organization/acr-helm-platform/${platform.name}`);
        await stack.setConfig("releaseNamespace", name);
        await stack.setConfig("skipAwait", "true");
        const fields = charts.flatMap((chart, index) =>
            Object.entries(chart).flatMap(([key, value]) => ["--plaintext", `charts[${index}].${key}=${String(value)}`]),
        );
        await stack.workspace.expectSuccess(["config", "set-all", "--path", "--stack", stack.name, ...fields]);
        return stack;
    }

    /** Removes the config files this created from the project directories. */
    dispose(): void {
        for (const stack of this.created) stack.removeConfigFile();
    }

    private track(stack: PulumiStack): PulumiStack {
        this.created.push(stack);
        return stack;
    }
}
