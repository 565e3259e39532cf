import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../local/pulumiCli";
import { PulumiStack } from "../local/pulumiStack";
import { findRepoRoot } from "../local/tools";

/**
 * Where the demo keeps what it changes: a copy of the chart and the state backend in a temporary directory, and
 * the stack's config file in the project directory (removed afterwards).
 */
export interface DemoWorkspace {
    readonly dir: string;
    readonly chartDir: string;
    readonly backendDir: string;
    readonly passphrase: string;
    readonly stack: PulumiStack;
    dispose(): void;
}

/** The project in examples/local, with state, config and a chart copy in a temporary directory. */
export function prepareDemoWorkspace(projectDir = path.join(findRepoRoot(), "examples", "local")): DemoWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-demo-"));
    const chartDir = path.join(dir, "hello-acr");
    fs.cpSync(path.join(findRepoRoot(), "charts", "hello-acr"), chartDir, { recursive: true });
    const backendDir = path.join(dir, "state");
    const passphrase = randomBytes(18).toString("base64url");
    const workspace = new PulumiWorkspace({ projectDir, backendDir, passphrase });
    // A name of its own, so that its config file in the project directory collides with no other run.
    const stack = new PulumiStack(workspace, `local-${randomBytes(3).toString("hex")}`);
    const dispose = () => {
        stack.removeConfigFile();
        fs.rmSync(dir, { recursive: true, force: true });
    };
    return { dir, chartDir, backendDir, passphrase, stack, dispose };
}
