import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyProject } from "../../../scripts/local/projectCopy";
import type { PulumiStack } from "../../../scripts/local/pulumiStack";
import { repoRoot } from "../../support/paths";

/**
 * The app project as a CI job checks it out: Pulumi.yaml and the stack's committed config file in a new directory,
 * with no `.pulumi-acr-helm/` chart cache; the program and plugin are this checkout's build.
 */
export function freshAppCheckout(stack: PulumiStack): { dir: string; dispose(): void } {
    const dir = copyProject(path.join(repoRoot, "stacks", "app"), fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-pr-")));
    fs.copyFileSync(stack.configFile, path.join(dir, path.basename(stack.configFile)));
    return { dir, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
