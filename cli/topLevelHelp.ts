import { COMMANDS } from "./commands";

const NOTES = `Connection options: [--username <user> --password-stdin] [--plain-http] [--ca-file <pem>] [--timeout <seconds>]

Credentials: --username with the password on standard input (--password-stdin), or the environment
variables ACR_HELM_USERNAME and ACR_HELM_PASSWORD. --password <password> is accepted too, as Helm accepts
it, but other users of the machine can read it. For an ACR token from 'az acr login --expose-token',
use the username 00000000-0000-0000-0000-000000000000.
Without credentials on the command line, every command uses the login stored by 'acr-helm login' or
'helm registry login' (Helm's registry config: $HELM_REGISTRY_CONFIG, default ~/.config/helm/registry/config.json,
or the docker-credential helper it names), then Docker's config. 'copy' uses each registry's own stored login
unless credentials are given, which then serve both registries.

--timeout <seconds>: how long the command may wait for the registry, and how long one request may go
unanswered (default: 10 s to connect, 20 s per request, 60 s per command).
--no-lock: on Azure Container Registry (*.azurecr.io) a pushed version is locked (writeEnabled false) so
no later push can replace it; --no-lock publishes it unlocked. --allow-overwrite unlocks before replacing.
--sign: adds a Helm provenance file (checked by 'helm pull --verify'); --cosign-key: adds a cosign signature.
verify exits 1 when a signature is missing, made by another key, or the chart was changed after signing.`;

/** `acr-helm --help`: every command's call, from the commands' own help, then what they share. */
export async function topLevelHelp(): Promise<string> {
    const calls = await Promise.all(Object.values(COMMANDS).map(async (load) => `  acr-helm ${(await load()).help.usage}`));
    return [
        "acr-helm publishes Helm charts to Azure Container Registry (or any OCI registry) and reads them back, as Helm does.",
        "",
        "Usage:",
        ...calls,
        "",
        `Run 'acr-helm <command> --help' (or -h) for a command's flags. Commands: ${Object.keys(COMMANDS).join(", ")}.`,
        "",
        NOTES,
    ].join("\n");
}
