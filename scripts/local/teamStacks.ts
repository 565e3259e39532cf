import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { LocalBlobStorage } from "./azurite";
import type { LocalCluster } from "./kubeApiServer";
import { copyProject } from "./projectCopy";
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

export type TeamProject = "platform" | "app";

/**
 * The platform project (stacks/platform) and the application project (stacks/app) on one `azblob://` backend in
 * local Blob storage. They run from copies of their Pulumi.yaml in a temporary directory, which holds the stacks'
 * config files; stack names get a random suffix, so that runs sharing a backend do not collide.
 */
export class TeamStacks {
    readonly backendUrl = `azblob://${STATE_CONTAINER}`;
    readonly passphrase = randomBytes(18).toString("base64url");
    private readonly suffix = randomBytes(3).toString("hex");
    private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-stacks-"));
    private readonly projectDirs: Record<TeamProject, string>;

    constructor(readonly storage: LocalBlobStorage) {
        const copy = (project: TeamProject) => copyProject(path.join(findRepoRoot(), "stacks", project), path.join(this.root, project));
        try {
            this.projectDirs = { platform: copy("platform"), app: copy("app") };
        } catch (error) {
            this.dispose();
            throw error;
        }
    }

    /** A workspace of a project on the shared backend; `env` adds to (or overrides) its environment. */
    workspace(project: TeamProject, env: Record<string, string> = {}, projectDir?: string): PulumiWorkspace {
        return new PulumiWorkspace({
            projectDir: projectDir ?? this.projectDirs[project],
            backendUrl: this.backendUrl,
            passphrase: this.passphrase,
            env: { ...this.storage.backendEnv(), ...env },
        });
    }

    /** A platform stack whose `target: local` hands the local registry and cluster over as its outputs. */
    async createPlatform(name: string, standIns: PlatformStandIns): Promise<PulumiStack> {
        const stack = new PulumiStack(this.workspace("platform"), `${name}-${this.suffix}`);
        await stack.init();
        await stack.setConfig("target", "local");
        await stack.setConfig("registry", standIns.registry.host);
        await stack.setConfig("registryCaCert", standIns.registry.caCertPem ?? "");
        await stack.setConfig("registryUsername", standIns.pushCredentials.username);
        await stack.setConfig("registryPassword", standIns.pushCredentials.password, { secret: true });
        await stack.setConfig("kubeconfig", standIns.cluster.kubeconfig, { secret: true });
        return stack;
    }

    /**
     * An app stack reading `platform`. `skipAwait` (default true) is for a cluster that runs no pods, where a release
     * never becomes ready; pass false for one that does.
     */
    async createApp(
        name: string,
        platform: PulumiStack,
        charts: AppChartSetting[],
        options: { skipAwait?: boolean } = {},
    ): Promise<PulumiStack> {
        const stack = new PulumiStack(this.workspace("app"), `${name}-${this.suffix}`);
        await stack.init();
        await stack.setConfig("platformStack", `organization/acr-helm-platform/${platform.name}`);
        await stack.setConfig("releaseNamespace", name);
        await stack.setConfig("skipAwait", String(options.skipAwait ?? true));
        const fields = charts.flatMap((chart, index) =>
            Object.entries(chart).flatMap(([key, value]) => ["--plaintext", `charts[${index}].${key}=${String(value)}`]),
        );
        await stack.workspace.expectSuccess(["config", "set-all", "--path", "--stack", stack.name, ...fields]);
        return stack;
    }

    /** Removes the project copies and the stack config files in them. */
    dispose(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}
