import * as os from "os";
import * as path from "path";

/**
 * Where Helm keeps registry logins (helm pkg/cli/environment.go, pkg/helmpath): $HELM_REGISTRY_CONFIG, else
 * <config home>/registry/config.json with the config home $HELM_CONFIG_HOME, else $XDG_CONFIG_HOME/helm, else
 * ~/.config/helm.
 */
export function helmRegistryConfigPath(env: NodeJS.ProcessEnv = process.env): string {
    if (env.HELM_REGISTRY_CONFIG) return env.HELM_REGISTRY_CONFIG;
    const configHome = env.HELM_CONFIG_HOME || path.join(env.XDG_CONFIG_HOME || path.join(homeOf(env), ".config"), "helm");
    return path.join(configHome, "registry", "config.json");
}

/** Docker's config, which Helm falls back to for reading logins: $DOCKER_CONFIG/config.json, else ~/.docker/config.json. */
export function dockerConfigPath(env: NodeJS.ProcessEnv = process.env): string {
    return path.join(env.DOCKER_CONFIG || path.join(homeOf(env), ".docker"), "config.json");
}

function homeOf(env: NodeJS.ProcessEnv): string {
    return env.HOME || os.homedir();
}
