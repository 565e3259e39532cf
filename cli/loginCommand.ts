import { validateRegistryHost } from "../chart/distribution/names";
import { removeLogin, storeLogin } from "./login/loginStore";
import { verifyLogin } from "./login/verifyLogin";
import { connectionSettings, readCredentials } from "./registryOptions";
import { CommandHelp, connectionFlags } from "./help";
import type { CliIO } from "./io";
import { LOGIN_OPTIONS, parseCommand, UsageError } from "./usage";

export const loginHelp: CommandHelp = {
    summary: "Check credentials against a registry and store them where helm registry login does: one login for both tools.",
    usage: "login <host> -u <user> --password-stdin [flags]",
    flags: connectionFlags(true),
    notes: "For an ACR token from 'az acr login --expose-token', use the user 00000000-0000-0000-0000-000000000000.",
};

export const logoutHelp: CommandHelp = {
    summary: "Remove the login stored for a registry (by acr-helm login or helm registry login).",
    usage: "logout <host>",
    flags: [],
};

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
 * `acr-helm login <registry> -u <user> --password-stdin` (or `-p <password>`, as Helm takes it): checks the credentials against the registry,
 * then stores them where `helm registry login` does, so Helm and acr-helm share one login.
 */
export async function loginCommand(args: string[], io: CliIO): Promise<void> {
    const { values, positionals } = parseCommand(args, LOGIN_OPTIONS, ["registry"]);
    const registry = registryHostOf(positionals[0]);
    const credentials = await readCredentials(values, io);
    if (!credentials || !("username" in credentials)) {
        throw new UsageError(
            "login needs -u/--username with the password on standard input (--password-stdin), or ACR_HELM_USERNAME and ACR_HELM_PASSWORD",
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
