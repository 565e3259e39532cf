import { promises as fs } from "fs";
import type { RegistryCredentials } from "../chart/distribution/auth/credentials";
import { DEFAULT_TIMEOUTS, TimeoutOptions } from "../chart/distribution/http/deadline";
import { readStoredLogin } from "./login/loginStore";
import type { CliIO } from "./io";
import { UsageError } from "./usage";

export interface RegistryConnection extends TimeoutOptions {
    readonly credentials?: RegistryCredentials;
    readonly plainHttp: boolean;
    readonly caCert?: string;
}

/**
 * Reads --username/--password-stdin/--password (or ACR_HELM_USERNAME/ACR_HELM_PASSWORD), --plain-http, --ca-file and --timeout.
 * Without credentials given, the login stored for `registry` (by `acr-helm login` or `helm registry login`) is used.
 */
export async function registryConnection(
    values: Record<string, string | boolean | undefined>,
    io: CliIO,
    registry?: string,
): Promise<RegistryConnection> {
    const given = await readCredentials(values, io);
    const stored = given === undefined && registry !== undefined ? await readStoredLogin(registry, { env: io.env }) : undefined;
    return { credentials: given ?? stored?.credentials, ...(await connectionSettings(values)) };
}

/** --plain-http, --ca-file and --timeout: how to reach a registry, whoever connects. */
export async function connectionSettings(
    values: Record<string, string | boolean | undefined>,
): Promise<Omit<RegistryConnection, "credentials">> {
    return {
        plainHttp: values["plain-http"] === true,
        caCert: typeof values["ca-file"] === "string" ? await readCaFile(values["ca-file"]) : undefined,
        ...timeouts(values.timeout),
    };
}

/**
 * --timeout <seconds>: how long the whole command may wait for the registry, and how long one request may
 * stay unanswered. Without it the library defaults apply (10 s to connect, 20 s per request, 60 s per command).
 */
export function timeouts(value: string | boolean | undefined): TimeoutOptions {
    if (value === undefined) return {};
    const seconds = typeof value === "string" && /^\d+(\.\d+)?$/.test(value.trim()) ? Number(value) : NaN;
    if (!(seconds > 0))
        throw new UsageError(`--timeout takes a positive number of seconds, e.g. --timeout 120 (got ${JSON.stringify(value)})`);
    const ms = seconds * 1000;
    return { operationTimeoutMs: ms, timeoutMs: ms, connectTimeoutMs: Math.min(DEFAULT_TIMEOUTS.connectTimeoutMs, ms) };
}

/**
 * --azure (the environment's Azure identity: DefaultAzureCredential of @azure/identity), or
 * --username with --password-stdin or --password (or ACR_HELM_USERNAME and ACR_HELM_PASSWORD). A password on
 * the command line is accepted, as Helm accepts it, with Helm's warning that others can read it.
 */
export async function readCredentials(
    values: Record<string, string | boolean | undefined>,
    io: CliIO,
): Promise<RegistryCredentials | undefined> {
    if (values.azure === true) {
        if (values.username !== undefined || values.password !== undefined || values["password-stdin"] === true)
            throw new UsageError("--azure uses the Azure identity of this environment: leave out --username and --password");
        return { kind: "azure" };
    }
    const username = typeof values.username === "string" ? values.username : io.env.ACR_HELM_USERNAME;
    const given = typeof values.password === "string" ? values.password : undefined;
    if (given !== undefined && values["password-stdin"] === true)
        throw new UsageError("give the password either with --password-stdin or with --password, not both");
    if (given !== undefined || values["password-stdin"] === true) {
        const flag = given === undefined ? "--password-stdin" : "--password";
        if (!username) throw new UsageError(`${flag} needs --username (or ACR_HELM_USERNAME)`);
        if (given === undefined) return { username, password: await readPassword(io.stdin) };
        if (given === "") throw new UsageError("--password is empty; give the password, or pipe it to --password-stdin");
        io.err(
            "Warning: a password given with --password is visible to other users of this machine (ps, shell history); use --password-stdin.",
        );
        return { username, password: given };
    }
    const password = io.env.ACR_HELM_PASSWORD;
    if (username && password) return { username, password };
    if (username)
        throw new UsageError(`no password for user "${username}": pipe it to --password-stdin, pass --password or set ACR_HELM_PASSWORD`);
    return undefined;
}

async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const password = Buffer.concat(chunks)
        .toString("utf8")
        .replace(/\r?\n$/, "");
    if (password === "") throw new UsageError("--password-stdin read an empty password from standard input");
    return password;
}

async function readCaFile(file: string): Promise<string> {
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        throw new UsageError(
            `--ca-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}); give a PEM file of CA certificates`,
        );
    }
}
