import { promises as fs } from "fs";
import * as path from "path";
import { LoginStoreError } from "./loginErrors";

/** One entry of `auths`, as Docker and ORAS (and so Helm) write it. */
export interface AuthEntry {
    /** base64("username:password") */
    auth?: string;
    /** a refresh token (ACR: the null-GUID user's token, as `az acr login` stores it) */
    identitytoken?: string;
    registrytoken?: string;
    username?: string;
    password?: string;
}

/** The file Helm (and Docker) keep logins in; unknown top-level keys are kept as they are when it is rewritten. */
export interface CredentialsFile {
    readonly path: string;
    /** every top-level key of the file */
    content: Record<string, unknown>;
    auths: Record<string, AuthEntry>;
    credsStore?: string;
    credHelpers: Record<string, string>;
}

/** Reads the file; a missing or empty file is an empty config, as ORAS treats it. */
export async function readCredentialsFile(file: string): Promise<CredentialsFile> {
    let text: string;
    try {
        text = await fs.readFile(file, "utf8");
    } catch (error) {
        if ((error as NodeJS.ErrnoException).code === "ENOENT") return { path: file, content: {}, auths: {}, credHelpers: {} };
        throw new LoginStoreError(
            `cannot read the registry login file ${file} (${(error as NodeJS.ErrnoException).code}); fix its permissions or point HELM_REGISTRY_CONFIG elsewhere`,
        );
    }
    if (text.trim() === "") return { path: file, content: {}, auths: {}, credHelpers: {} };
    let content: unknown;
    try {
        content = JSON.parse(text);
    } catch {
        throw invalid(file, "it is not JSON");
    }
    if (!isObject(content)) throw invalid(file, "it is not a JSON object");
    const { auths = {}, credsStore, credHelpers = {} } = content;
    if (!isObject(auths) || Object.values(auths).some((entry) => !isAuthEntry(entry)))
        throw invalid(file, `"auths" is not a map of login entries`);
    if (credsStore !== undefined && typeof credsStore !== "string") throw invalid(file, `"credsStore" is not a string`);
    if (!isObject(credHelpers) || Object.values(credHelpers).some((helper) => typeof helper !== "string"))
        throw invalid(file, `"credHelpers" is not a map of strings`);
    return {
        path: file,
        content,
        auths: auths as Record<string, AuthEntry>,
        credsStore: credsStore || undefined,
        credHelpers: credHelpers as Record<string, string>,
    };
}

/**
 * Writes the file as ORAS does (tab-indented JSON, keys sorted) through a temporary file in the same directory
 * and a rename, so a reader never sees half a file; the file is created 0600 and its directory 0700.
 */
export async function writeCredentialsFile(file: CredentialsFile): Promise<void> {
    const content: Record<string, unknown> = { ...file.content, auths: sortedKeys(file.auths) };
    if (file.credsStore) content.credsStore = file.credsStore;
    else delete content.credsStore;
    const dir = path.dirname(file.path);
    const temporary = path.join(dir, `.${path.basename(file.path)}.${process.pid}.${Date.now()}.tmp`);
    try {
        await fs.mkdir(dir, { recursive: true, mode: 0o700 });
        await fs.writeFile(temporary, JSON.stringify(sortedKeys(content), null, "\t"), { mode: 0o600, flag: "wx" });
        await fs.rename(temporary, file.path);
    } catch (error) {
        await fs.rm(temporary, { force: true });
        throw new LoginStoreError(
            `cannot write the registry login file ${file.path} (${(error as NodeJS.ErrnoException).code}); fix the permissions of ${dir} or point HELM_REGISTRY_CONFIG elsewhere`,
        );
    }
}

/** The entry for a registry: the exact key, else a key that names the same host with a scheme or path (ORAS ToHostname). */
export function findAuthKey(auths: Record<string, AuthEntry>, server: string): string | undefined {
    if (auths[server] !== undefined) return server;
    return Object.keys(auths).find((key) => key.replace(/^https?:\/\//, "").split("/")[0] === server);
}

function invalid(file: string, why: string): LoginStoreError {
    return new LoginStoreError(`the registry login file ${file} is not a valid config (${why}); fix or remove it, then log in again`);
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === "object" && value !== null && !Array.isArray(value);
}

function isAuthEntry(value: unknown): boolean {
    return isObject(value) && Object.values(value).every((field) => typeof field === "string" || field === undefined);
}

function sortedKeys<T>(record: Record<string, T>): Record<string, T> {
    return Object.fromEntries(
        Object.keys(record)
            .sort()
            .map((key) => [key, record[key]]),
    );
}
