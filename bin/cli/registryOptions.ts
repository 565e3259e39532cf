import { promises as fs } from "fs";
import type { RegistryCredentials } from "../../components/chart/oci/credentials";
import type { CliIO } from "./run";
import { UsageError } from "./usage";

export interface RegistryConnection {
    readonly credentials?: RegistryCredentials;
    readonly plainHttp: boolean;
    readonly caCert?: string;
}

/** Reads --username/--password-stdin (or ACR_HELM_USERNAME/ACR_HELM_PASSWORD), --plain-http and --ca-file. */
export async function registryConnection(values: Record<string, string | boolean | undefined>, io: CliIO): Promise<RegistryConnection> {
    return {
        credentials: await readCredentials(values, io),
        plainHttp: values["plain-http"] === true,
        caCert: typeof values["ca-file"] === "string" ? await readCaFile(values["ca-file"]) : undefined,
    };
}

async function readCredentials(values: Record<string, string | boolean | undefined>, io: CliIO): Promise<RegistryCredentials | undefined> {
    const username = typeof values.username === "string" ? values.username : io.env.ACR_HELM_USERNAME;
    if (values["password-stdin"] === true) {
        if (!username) throw new UsageError("--password-stdin needs --username (or ACR_HELM_USERNAME)");
        return { username, password: await readPassword(io.stdin) };
    }
    const password = io.env.ACR_HELM_PASSWORD;
    if (username && password) return { username, password };
    if (username) throw new UsageError(`no password for user "${username}": pipe it to --password-stdin or set ACR_HELM_PASSWORD`);
    return undefined;
}

async function readPassword(stdin: NodeJS.ReadableStream): Promise<string> {
    const chunks: Buffer[] = [];
    for await (const chunk of stdin) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
    const password = Buffer.concat(chunks).toString("utf8").replace(/\r?\n$/, "");
    if (password === "") throw new UsageError("--password-stdin read an empty password from standard input");
    return password;
}

async function readCaFile(file: string): Promise<string> {
    try {
        return await fs.readFile(file, "utf8");
    } catch (error) {
        throw new UsageError(`--ca-file ${file} cannot be read (${(error as NodeJS.ErrnoException).code}); give a PEM file of CA certificates`);
    }
}
