import * as fs from "fs";
import { parse } from "yaml";

/** An exec credential plugin (e.g. kubelogin for Entra ID clusters): a command that prints an ExecCredential. */
export interface ExecCredentialCommand {
    readonly command: string;
    readonly args: readonly string[];
    readonly env: Readonly<Record<string, string>>;
}

/** How to reach and authenticate to the API server of a kubeconfig's current context. */
export interface ClusterAccess {
    readonly server: string;
    readonly caPem?: string;
    readonly insecureSkipTlsVerify: boolean;
    readonly token?: string;
    readonly clientCertPem?: string;
    readonly clientKeyPem?: string;
    readonly basic?: { readonly username: string; readonly password: string };
    readonly exec?: ExecCredentialCommand;
}

/** A kubeconfig this package cannot use; the message names the field and never includes a credential. */
export class KubeconfigError extends Error {
    constructor(message: string) {
        super(`kubeconfig: ${message}`);
        this.name = "KubeconfigError";
    }
}

interface Named<T> {
    name?: string;
    cluster?: T;
    user?: T;
    context?: T;
}
type Entry = Record<string, unknown>;

/** Reads the current context of a kubeconfig (YAML or JSON text): server, trusted CA and the user's credential. */
export function clusterAccess(kubeconfig: string): ClusterAccess {
    let document: Entry;
    try {
        document = parse(kubeconfig) as Entry;
    } catch {
        throw new KubeconfigError("is not valid YAML or JSON; pass the cluster's kubeconfig text (not a path)");
    }
    if (!document || typeof document !== "object") throw new KubeconfigError("is empty; pass the cluster's kubeconfig text");
    const contextName = stringField(document, "current-context");
    const contexts = (document.contexts ?? []) as Named<Entry>[];
    const context = (contextName ? contexts.find((entry) => entry.name === contextName) : contexts[0])?.context;
    if (!context) throw new KubeconfigError(`has no context${contextName ? ` named "${contextName}"` : ""}; set current-context`);
    const cluster = findNamed(document.clusters, stringField(context, "cluster"), "cluster", "clusters");
    const user = findNamed(document.users, stringField(context, "user"), "user", "users");
    const server = stringField(cluster, "server");
    if (!server) throw new KubeconfigError(`cluster "${stringField(context, "cluster")}" has no server URL`);
    return {
        server: server.replace(/\/+$/, ""),
        caPem: dataOrFile(cluster, "certificate-authority"),
        insecureSkipTlsVerify: cluster["insecure-skip-tls-verify"] === true,
        token: stringField(user, "token") ?? fileText(stringField(user, "tokenFile")),
        clientCertPem: dataOrFile(user, "client-certificate"),
        clientKeyPem: dataOrFile(user, "client-key"),
        basic: basicCredential(user),
        exec: execCommand(user.exec),
    };
}

function findNamed(list: unknown, name: string | undefined, kind: string, listName: string): Entry {
    const found = ((list ?? []) as Named<Entry>[]).find((entry) => entry.name === name);
    const value = kind === "cluster" ? found?.cluster : found?.user;
    if (!value) throw new KubeconfigError(`the current context names ${kind} "${name ?? ""}", which is not in ${listName}`);
    return value;
}

function stringField(entry: Entry, key: string): string | undefined {
    const value = entry[key];
    return typeof value === "string" && value !== "" ? value : undefined;
}

/** `<key>-data` (base64) or `<key>` (a file path), as kubectl reads them. */
function dataOrFile(entry: Entry, key: string): string | undefined {
    const data = stringField(entry, `${key}-data`);
    if (data) return Buffer.from(data, "base64").toString("utf8");
    return fileText(stringField(entry, key));
}

function fileText(file: string | undefined): string | undefined {
    if (!file) return undefined;
    try {
        return fs.readFileSync(file, "utf8").trim();
    } catch {
        throw new KubeconfigError(`names the file ${file}, which cannot be read here; embed it as *-data instead`);
    }
}

function basicCredential(user: Entry): ClusterAccess["basic"] {
    const username = stringField(user, "username");
    const password = stringField(user, "password");
    return username && password ? { username, password } : undefined;
}

function execCommand(exec: unknown): ExecCredentialCommand | undefined {
    if (!exec || typeof exec !== "object") return undefined;
    const entry = exec as Entry;
    const command = stringField(entry, "command");
    if (!command) throw new KubeconfigError("users[].user.exec has no command");
    const env = ((entry.env ?? []) as { name?: unknown; value?: unknown }[]).filter(
        (variable): variable is { name: string; value: string } => typeof variable.name === "string" && typeof variable.value === "string",
    );
    return {
        command,
        args: ((entry.args ?? []) as unknown[]).map(String),
        env: Object.fromEntries(env.map((variable) => [variable.name, variable.value])),
    };
}
