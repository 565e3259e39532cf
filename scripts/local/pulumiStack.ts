import * as fs from "fs";
import * as path from "path";
import { PulumiRunResult, PulumiWorkspace, RunOptions } from "./pulumiCli";

/** One stack of a project, driven through the real CLI; its config is the project's `Pulumi.<stack>.yaml`. */
export class PulumiStack {
    constructor(
        readonly workspace: PulumiWorkspace,
        readonly name: string,
    ) {}

    get configFile(): string {
        return path.join(this.workspace.projectDir, `Pulumi.${this.name}.yaml`);
    }

    async init(): Promise<void> {
        await this.workspace.expectSuccess(["stack", "init", this.name]);
    }

    /** Removes the stack's config file from the project directory. */
    removeConfigFile(): void {
        fs.rmSync(this.configFile, { force: true });
    }

    /** Secret values go through standard input, never the command line. */
    async setConfig(key: string, value: string, options: { secret?: boolean } = {}): Promise<void> {
        const args = ["config", "set", key, ...this.stackArgs()];
        if (options.secret) {
            await this.workspace.expectSuccess([...args, "--secret"], { input: value });
        } else {
            await this.workspace.expectSuccess([...args, "--", value]);
        }
    }

    /** Runs `pulumi <command> <args> --stack <name>`; never throws on a failure exit. */
    run(command: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
        return this.workspace.run([...command, ...this.stackArgs()], options);
    }

    expect(command: string[], options: RunOptions = {}): Promise<PulumiRunResult> {
        return this.workspace.expectSuccess([...command, ...this.stackArgs()], options);
    }

    preview(extra: string[] = [], options: RunOptions = {}): Promise<PulumiRunResult> {
        return this.run(["preview", "--diff", ...extra], options);
    }

    up(extra: string[] = [], options: RunOptions = {}): Promise<PulumiRunResult> {
        return this.run(["up", "--yes", "--skip-preview", ...extra], options);
    }

    /** Stack outputs; secret ones stay `[secret]` unless `showSecrets`. */
    async outputs(showSecrets = false): Promise<Record<string, unknown>> {
        const args = ["stack", "output", "--json", "--stack", this.name, ...(showSecrets ? ["--show-secrets"] : [])];
        return JSON.parse((await this.workspace.expectSuccess(args)).stdout) as Record<string, unknown>;
    }

    /** The state as `pulumi stack export` writes it (secrets encrypted). */
    async exportState(): Promise<string> {
        return (await this.workspace.expectSuccess(["stack", "export", "--stack", this.name])).stdout;
    }

    private stackArgs(): string[] {
        return ["--stack", this.name];
    }
}
