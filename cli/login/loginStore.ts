import * as fs from "fs";
import * as path from "path";
import type { RegistryCredentials } from "../../chart/distribution/auth/credentials";
import { dockerConfigPath, helmRegistryConfigPath } from "./configPath";
import { helperErase, helperGet, helperStore, TOKEN_USERNAME } from "./credentialHelper";
import { AuthEntry, CredentialsFile, findAuthKey, readCredentialsFile, writeCredentialsFile } from "./credentialsFile";
import { LoginStoreError } from "./loginErrors";

export interface LoginStoreOptions {
    /** Environment to read HELM_REGISTRY_CONFIG, HELM_CONFIG_HOME, XDG_CONFIG_HOME, DOCKER_CONFIG, HOME and PATH from. Default process.env. */
    env?: NodeJS.ProcessEnv;
}

export interface StoredLogin {
    credentials: RegistryCredentials;
    /** the file or credential helper the login came from, for messages */
    source: string;
}

/** Docker Hub's logins are kept under this key (ORAS ServerAddressFromRegistry); every other registry under its host. */
export function serverAddress(registry: string): string {
    return registry === "docker.io" || registry === "registry-1.docker.io" ? "https://index.docker.io/v1/" : registry;
}

/**
 * The login Helm would use for a registry: Helm's registry config (or the credential helper it names), then
 * Docker's config, exactly in the order Helm 3.22 and 4.3 look (ORAS credentials store with Docker fallback).
 */
export async function readStoredLogin(registry: string, options: LoginStoreOptions = {}): Promise<StoredLogin | undefined> {
    const env = options.env ?? process.env;
    const server = serverAddress(registry);
    for (const file of [helmRegistryConfigPath(env), dockerConfigPath(env)]) {
        const config = await readCredentialsFile(file);
        const helper = helperFor(config, server, env);
        if (helper) {
            const found = await helperGet(helper, server, env);
            if (found) return { credentials: fromHelper(found.Username, found.Secret), source: `docker-credential-${helper}` };
            continue;
        }
        const key = findAuthKey(config.auths, server);
        const credentials = key === undefined ? undefined : fromEntry(config.auths[key], file);
        if (credentials) return { credentials, source: file };
    }
    return undefined;
}

/** Stores a login where `helm registry login` would: a credential helper when configured (or detected), else Helm's file. */
export async function storeLogin(registry: string, username: string, password: string, options: LoginStoreOptions = {}): Promise<string> {
    const env = options.env ?? process.env;
    if (username.includes(":"))
        throw new LoginStoreError(`the username "${username}" contains ":", which a stored login cannot hold; use the username without it`);
    const server = serverAddress(registry);
    const config = await readCredentialsFile(helmRegistryConfigPath(env));
    const detected = isAuthConfigured(config) ? undefined : defaultHelper(env);
    const helper = helperFor(config, server, env, detected);
    if (helper) {
        await helperStore(helper, server, { Username: username, Secret: password }, env);
        if (detected && !config.credsStore) await writeCredentialsFile({ ...config, credsStore: detected });
        return `docker-credential-${helper}`;
    }
    config.auths[server] = { auth: Buffer.from(`${username}:${password}`, "utf8").toString("base64") };
    await writeCredentialsFile(config);
    return config.path;
}

/** Removes the login from Helm's store; false when there was none in Helm's file. */
export async function removeLogin(registry: string, options: LoginStoreOptions = {}): Promise<boolean> {
    const env = options.env ?? process.env;
    const server = serverAddress(registry);
    const config = await readCredentialsFile(helmRegistryConfigPath(env));
    const helper = helperFor(config, server, env);
    if (helper) {
        await helperErase(helper, server, env);
        return true;
    }
    if (config.auths[server] === undefined) return false;
    delete config.auths[server];
    await writeCredentialsFile(config);
    return true;
}

function isAuthConfigured(config: CredentialsFile): boolean {
    return Boolean(config.credsStore) || Object.keys(config.credHelpers).length > 0 || Object.keys(config.auths).length > 0;
}

/** credHelpers for this server, else credsStore, else (for a config with no logins at all) the platform's default helper. */
function helperFor(
    config: CredentialsFile,
    server: string,
    env: NodeJS.ProcessEnv,
    detected = isAuthConfigured(config) ? undefined : defaultHelper(env),
): string | undefined {
    return config.credHelpers[server] || config.credsStore || detected;
}

/** ORAS on Linux: "pass" when the pass program is installed, else "secretservice"; used only when that helper is on PATH. */
function defaultHelper(env: NodeJS.ProcessEnv): string | undefined {
    const suffix = onPath("pass", env) ? "pass" : "secretservice";
    return onPath(`docker-credential-${suffix}`, env) ? suffix : undefined;
}

function onPath(program: string, env: NodeJS.ProcessEnv): boolean {
    return (env.PATH ?? "").split(path.delimiter).some((dir) => {
        try {
            fs.accessSync(path.join(dir, program), fs.constants.X_OK);
            return true;
        } catch {
            return false;
        }
    });
}

function fromHelper(username: string, secret: string): RegistryCredentials {
    return username === TOKEN_USERNAME ? { kind: "refreshToken", refreshToken: secret } : { username, password: secret };
}

/** An auths entry as ORAS reads it: identitytoken wins (a refresh token), else auth (base64 user:password), else the legacy fields. */
function fromEntry(entry: AuthEntry, file: string): RegistryCredentials | undefined {
    if (entry.identitytoken) return { kind: "refreshToken", refreshToken: entry.identitytoken };
    let username = entry.username ?? "";
    let password = entry.password ?? "";
    if (entry.auth) {
        const decoded = Buffer.from(entry.auth, "base64").toString("utf8");
        const colon = decoded.indexOf(":");
        if (colon < 0)
            throw new LoginStoreError(`a login in ${file} has an "auth" value that is not base64 of username:password; log in again`);
        username = decoded.slice(0, colon);
        password = decoded.slice(colon + 1);
    }
    return username && password ? { username, password } : undefined;
}
