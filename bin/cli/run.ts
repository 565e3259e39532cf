import { OciError } from "../../components/chart/distribution/errors";
import type { CliIO } from "./io";
import { UsageError } from "./usage";

export const USAGE = `Usage:
  acr-helm package <chart-dir> [-d <dir>]
  acr-helm push <chart-dir|chart.tgz> oci://<host>/<namespace> [--username <user> --password-stdin]
                [--plain-http] [--ca-file <pem>] [--timeout <seconds>] [--allow-overwrite] [--no-lock]
                [--sign --key <armored OpenPGP secret key file> [--key-passphrase-file <file>]]
                [--cosign-key <PEM private key file> [--cosign-passphrase-file <file>]]
  acr-helm tags oci://<host>/<namespace>/<name> [--username <user> --password-stdin] [--plain-http] [--ca-file <pem>]
                [--timeout <seconds>]
  acr-helm pull oci://<host>/<namespace>/<name> --version <version> [-d <dir>] [--untar]
                [--username <user> --password-stdin] [--plain-http] [--ca-file <pem>] [--timeout <seconds>]
  acr-helm verify oci://<host>/<namespace>/<name> --version <version> [--keyring <public keyring file>]
                [--cosign-pub <PEM public key file>] [--username <user> --password-stdin] [--plain-http] [--ca-file <pem>]
  acr-helm search oci://<host>[/<namespace>] [<keyword>] [--versions] [-o table|json|yaml] [connection options]
  acr-helm show chart|values|readme|crds|all oci://<host>/<namespace>/<name> [--version <version>] [connection options]
  acr-helm login <host> --username <user> --password-stdin [--plain-http] [--ca-file <pem>] [--timeout <seconds>]
  acr-helm logout <host>
  acr-helm copy oci://<source>/<namespace>/<name> --version <version> oci://<destination>/<namespace>
                [--digest sha256:<hex>] [connection options]

Connection options: [--username <user> --password-stdin] [--plain-http] [--ca-file <pem>] [--timeout <seconds>]

Credentials: --username with the password on standard input (--password-stdin), or the environment
variables ACR_HELM_USERNAME and ACR_HELM_PASSWORD. For an ACR token from 'az acr login --expose-token',
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
verify exits 1 when a signature is missing, made by another key, or the chart was changed after signing.
`;

type Command = (args: string[], io: CliIO) => Promise<void>;

/** Each command's module is loaded only when it runs: `search` does not pay for loading the signing libraries. */
const COMMANDS: Record<string, () => Promise<Command>> = {
    package: async () => (await import("./packageCommand")).packageCommand,
    push: async () => (await import("./pushCommand")).pushCommand,
    tags: async () => (await import("./tagsCommand")).tagsCommand,
    pull: async () => (await import("./pullCommand")).pullCommand,
    verify: async () => (await import("./verifyCommand")).verifyCommand,
    search: async () => (await import("./searchCommand")).searchCommand,
    show: async () => (await import("./showCommand")).showCommand,
    login: async () => (await import("./loginCommand")).loginCommand,
    logout: async () => (await import("./loginCommand")).logoutCommand,
    copy: async () => (await import("./copyCommand")).copyCommand,
};

/** Runs one command; returns the exit code. Errors are written to stderr, never with a credential in them. */
export async function runCli(argv: string[], io: CliIO = defaultIO()): Promise<number> {
    const [name, ...rest] = argv;
    if (name === undefined || name === "help" || name === "--help" || name === "-h") {
        io.out(USAGE);
        return name === undefined ? 2 : 0;
    }
    const load = COMMANDS[name];
    try {
        if (!load) throw new UsageError(`unknown command '${name}'; use one of: ${Object.keys(COMMANDS).join(", ")}`);
        await (
            await load()
        )(rest, io);
        return 0;
    } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        process.stderr.write(`Error: ${message}\n`);
        if (error instanceof OciError && error.code === "TIMEOUT") {
            process.stderr.write(
                "To give the registry more time, pass --timeout <seconds> (default: 20 s per request, 60 s per command).\n",
            );
        }
        if (error instanceof UsageError) process.stderr.write(`\n${USAGE}`);
        return error instanceof UsageError ? 2 : 1;
    }
}

function defaultIO(): CliIO {
    return {
        out: (line) => process.stdout.write(`${line}\n`),
        err: (line) => process.stderr.write(`${line}\n`),
        stdin: process.stdin,
        env: process.env,
    };
}
