import { spawn } from "child_process";
import { LoginStoreError } from "./loginErrors";

/** What a docker-credential helper hands back: Username "<token>" means Secret is an identity (refresh) token. */
export interface HelperCredentials {
    Username: string;
    Secret: string;
}

const NOT_FOUND = "credentials not found in native keychain";
export const TOKEN_USERNAME = "<token>";
const HELPER_TIMEOUT_MS = 30_000;

/** Runs `docker-credential-<suffix> <action>` with `input` on standard input; the docker credential-helpers protocol. */
function runHelper(
    suffix: string,
    action: "get" | "store" | "erase",
    input: string,
    env: NodeJS.ProcessEnv,
): Promise<{ code: number | null; stdout: string }> {
    const program = `docker-credential-${suffix}`;
    return new Promise((resolve, reject) => {
        const child = spawn(program, [action], { env, stdio: ["pipe", "pipe", "ignore"], timeout: HELPER_TIMEOUT_MS });
        let stdout = "";
        child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
        child.on("error", (error: NodeJS.ErrnoException) =>
            reject(
                new LoginStoreError(
                    `the credential helper ${program} could not be run (${error.code}); install it on PATH or remove "${suffix}" from the registry login file's credsStore/credHelpers`,
                ),
            ),
        );
        child.on("close", (code) => resolve({ code, stdout }));
        child.stdin.on("error", () => undefined);
        child.stdin.end(input);
    });
}

/** A helper's failure, quoting at most its first line and never anything that contains the secret. */
function helperFailed(suffix: string, action: string, code: number | null, stdout: string, secret?: string): LoginStoreError {
    const line = stdout.trim().split("\n")[0].slice(0, 200);
    const said = line && (!secret || !line.includes(secret)) ? `: ${line}` : "";
    return new LoginStoreError(`the credential helper docker-credential-${suffix} ${action} failed (exit code ${code})${said}`);
}

export async function helperGet(suffix: string, server: string, env: NodeJS.ProcessEnv): Promise<HelperCredentials | undefined> {
    const { code, stdout } = await runHelper(suffix, "get", server, env);
    if (code !== 0) {
        if (stdout.trim() === NOT_FOUND) return undefined;
        throw helperFailed(suffix, "get", code, stdout);
    }
    let parsed: unknown;
    try {
        parsed = JSON.parse(stdout);
    } catch {
        throw new LoginStoreError(`the credential helper docker-credential-${suffix} get answered with something that is not JSON`);
    }
    const { Username, Secret } = (parsed ?? {}) as Record<string, unknown>;
    if (typeof Username !== "string" || typeof Secret !== "string") {
        throw new LoginStoreError(`the credential helper docker-credential-${suffix} get answered without a Username and Secret string`);
    }
    return { Username, Secret };
}

export async function helperStore(suffix: string, server: string, credentials: HelperCredentials, env: NodeJS.ProcessEnv): Promise<void> {
    const { code, stdout } = await runHelper(suffix, "store", JSON.stringify({ ServerURL: server, ...credentials }), env);
    if (code !== 0) throw helperFailed(suffix, "store", code, stdout, credentials.Secret);
}

export async function helperErase(suffix: string, server: string, env: NodeJS.ProcessEnv): Promise<void> {
    const { code, stdout } = await runHelper(suffix, "erase", server, env);
    if (code !== 0 && stdout.trim() !== NOT_FOUND) throw helperFailed(suffix, "erase", code, stdout);
}
