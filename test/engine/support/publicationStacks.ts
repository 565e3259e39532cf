import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../../../scripts/local/pulumiCli";
import { PulumiStack } from "../../../scripts/local/pulumiStack";
import type { TestRegistry } from "../../../scripts/local/registry";
import { repoRoot } from "../../support/paths";
import type { ConsumerProject } from "./consumerProject";

export const USERNAME = "engine-push";
export const PASSWORD = "engine-Secret-pa55-0f-the-registry";
export const PASSPHRASE = "engine-passphrase-7c1d";

/** A throwaway stack of the consumer project that publishes its own copy of the demo chart. */
export interface PublicationStack {
    readonly stack: PulumiStack;
    /** The chart directory this stack publishes; tests edit it. */
    readonly chartDir: string;
    /** `<repository>/hello-acr` in the registry. */
    readonly repositoryPath: string;
    readonly backendDir: string;
}

export class PublicationStacks {
    private readonly root = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-engine-"));
    readonly backendDir = path.join(this.root, "state");
    readonly workspace: PulumiWorkspace;

    constructor(
        consumer: ConsumerProject,
        private readonly registry: TestRegistry,
    ) {
        this.workspace = new PulumiWorkspace({ projectDir: consumer.dir, backendDir: this.backendDir, passphrase: PASSPHRASE });
    }

    /** A new stack named `name`, publishing to `<name>/hello-acr`, with `config` set on top of the defaults. */
    async create(name: string, config: Record<string, string> = {}, registryHost = this.registry.host): Promise<PublicationStack> {
        const chartDir = path.join(this.root, name, "hello-acr");
        fs.cpSync(path.join(repoRoot, "charts", "hello-acr"), chartDir, { recursive: true });
        const stack = new PulumiStack(this.workspace, name);
        await stack.init();
        const settings = { chartPath: chartDir, registry: registryHost, repository: name, registryUsername: USERNAME, ...config };
        for (const [key, value] of Object.entries(settings)) await stack.setConfig(key, value);
        await stack.setConfig("registryPassword", PASSWORD, { secret: true });
        return { stack, chartDir, repositoryPath: `${name}/hello-acr`, backendDir: this.backendDir };
    }

    dispose(): void {
        fs.rmSync(this.root, { recursive: true, force: true });
    }
}

export { setChartVersion } from "../../../scripts/local/chartVersion";

export function changeChartContent(chartDir: string, marker: string): void {
    fs.appendFileSync(path.join(chartDir, "values.yaml"), `\n# ${marker}\nchanged: ${JSON.stringify(marker)}\n`);
}
