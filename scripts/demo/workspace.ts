import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../local/pulumiCli";
import { PulumiStack } from "../local/pulumiStack";
import type { TestRegistry } from "../local/registry";
import { findRepoRoot } from "../local/tools";

/** Where the demo keeps what it changes: a copy of the chart, the state backend, the stack config. */
export interface DemoWorkspace {
    readonly dir: string;
    readonly chartDir: string;
    readonly backendDir: string;
    readonly passphrase: string;
    readonly stack: PulumiStack;
    dispose(): void;
}

const SYSTEM_CA_BUNDLE = "/etc/ssl/certs/ca-certificates.crt";

/** The project in examples/local, with state, config and a chart copy in a temporary directory. */
export function prepareDemoWorkspace(registry: TestRegistry, projectDir = path.join(findRepoRoot(), "examples", "local")): DemoWorkspace {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-demo-"));
    const chartDir = path.join(dir, "hello-acr");
    fs.cpSync(path.join(findRepoRoot(), "charts", "hello-acr"), chartDir, { recursive: true });
    const backendDir = path.join(dir, "state");
    const passphrase = randomBytes(18).toString("base64url");
    const workspace = new PulumiWorkspace({
        projectDir,
        backendDir,
        passphrase,
        // The Kubernetes provider's Helm trusts only the system's CAs: add the local registry's certificate.
        env: { SSL_CERT_FILE: caBundleWith(dir, registry.caCertPem) },
    });
    const stack = new PulumiStack(workspace, "local", path.join(dir, "Pulumi.local.yaml"));
    return { dir, chartDir, backendDir, passphrase, stack, dispose: () => fs.rmSync(dir, { recursive: true, force: true }) };
}

function caBundleWith(dir: string, extraPem: string | undefined): string {
    const bundle = path.join(dir, "ca-bundle.pem");
    const system = fs.existsSync(SYSTEM_CA_BUNDLE) ? fs.readFileSync(SYSTEM_CA_BUNDLE, "utf8") : "";
    fs.writeFileSync(bundle, `${system}\n${extraPem ?? ""}`);
    return bundle;
}
