import { execFile } from "child_process";
import * as path from "path";
import { promisify } from "util";

const run = promisify(execFile);

/** Helm's registry config, config, cache and data directories, all under `dir`, as environment variables. */
export function helmHome(dir: string): Record<string, string> {
    return {
        HELM_REGISTRY_CONFIG: path.join(dir, "registry.json"),
        HELM_CONFIG_HOME: path.join(dir, "config"),
        HELM_CACHE_HOME: path.join(dir, "cache"),
        HELM_DATA_HOME: path.join(dir, "data"),
    };
}

/** `helm registry login --plain-http`, the password through standard input, stored in the given Helm home. */
export async function helmLogin(
    helm: string,
    home: Record<string, string>,
    registry: string,
    username: string,
    password: string,
): Promise<void> {
    const login = run(helm, ["registry", "login", registry, "--username", username, "--password-stdin", "--plain-http"], {
        env: { ...process.env, ...home },
    });
    login.child.stdin?.end(password);
    await login;
}
