import { validateRegistryHost } from "../../components/chart/distribution/names";
import { removeLogin, storeLogin } from "../../components/registryLogin/loginStore";
import { verifyLogin } from "../../components/registryLogin/verifyLogin";
import { connectionSettings, readCredentials } from "./registryOptions";
import type { CliIO } from "./io";
import { parseCommand, REGISTRY_OPTIONS, UsageError } from "./usage";

/** Helm accepts "oci://host/path" and "https://host" for a registry and keeps only the host (helm pkg/registry stripURL). */
export function registryHostOf(value: string): string {
    const host = value
        .trim()
        .replace(/^(oci|https?):\/\//, "")
        .split("/")[0]
        .toLowerCase();
    validateRegistryHost(host);
    return host;
}

/**
 * `acr-helm login <registry> --username <user> --password-stdin`: checks the credentials against the registry,
 * then stores them where `helm registry login` does, so Helm and acr-helm share one login.
 */
export async function loginCommand(args: string[], io: CliIO): Promise<void> {
    const { values, positionals } = parseCommand(args, REGISTRY_OPTIONS, ["registry"]);
    const registry = registryHostOf(positionals[0]);
    const credentials = await readCredentials(values, io);
    if (!credentials || !("username" in credentials)) {
        throw new UsageError(
            "login needs --username with the password on standard input (--password-stdin), or ACR_HELM_USERNAME and ACR_HELM_PASSWORD",
        );
    }
    await verifyLogin({ ...(await connectionSettings(values)), registry, credentials });
    const where = await storeLogin(registry, credentials.username, credentials.password, { env: io.env });
    io.out("Login Succeeded");
    io.err(`Credentials for ${registry} stored in ${where}`);
}

/** `acr-helm logout <registry>`: removes the stored login, as `helm registry logout` does. */
export async function logoutCommand(args: string[], io: CliIO): Promise<void> {
    const { positionals } = parseCommand(args, {}, ["registry"]);
    const registry = registryHostOf(positionals[0]);
    if (await removeLogin(registry, { env: io.env })) io.out(`Removing login credentials for ${registry}`);
    else io.out(`Not logged in to ${registry}: no stored login to remove`);
}
