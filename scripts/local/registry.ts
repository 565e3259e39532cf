import { ChildProcess, execFileSync, spawn } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as http from "http";
import * as https from "https";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { registerChild } from "./liveChildren";
import { makeSelfSignedCert } from "./registryCerts";
import { IssuerUser, TokenIssuer } from "./tokenIssuer";

export type RegistryAuthMode = "htpasswd" | "token" | "none";

export interface StartRegistryOptions {
    auth: RegistryAuthMode;
    /** serve https with a self-signed certificate */
    tls?: boolean;
    /** default: admin (pull,push,delete) and reader (pull) */
    users?: Record<string, IssuerUser>;
    aadPrincipals?: Record<string, string>;
    tokenTtlSeconds?: number;
    /** lifetime of refresh tokens from /oauth2/exchange; default three hours, as ACR's */
    refreshTokenTtlSeconds?: number;
    /** log every request, so that a caller can count them with RegistryRequests (registryRequests.ts) */
    accessLog?: boolean;
    /** token mode: the realm the registry names in its challenges instead of the issuer's own URL (a front end's) */
    realm?: string;
    /** answer upload Locations as paths ("/v2/..."), as ACR does; default absolute URLs */
    relativeUrls?: boolean;
    /** keep the registry's storage here instead of a temporary directory; it is left in place on stop() */
    storageDir?: string;
}

export const DEFAULT_USERS: Record<string, IssuerUser> = {
    admin: { password: "admin-Secret-pa55", actions: ["pull", "push", "delete"] },
    reader: { password: "reader-Secret-pa55", actions: ["pull"] },
};

export interface TestRegistry {
    /** 127.0.0.1:<port> */
    host: string;
    plainHttp: boolean;
    /** PEM of the self-signed server certificate (tls mode) */
    caCertPem?: string;
    issuer?: TokenIssuer;
    users: Record<string, IssuerUser>;
    output(): string;
    stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const port = (server.address() as net.AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    return port;
}

function htpasswdFile(dir: string, users: Record<string, IssuerUser>): string {
    const file = path.join(dir, "htpasswd");
    const lines = Object.entries(users).map(([name, user]) =>
        execFileSync("htpasswd", ["-Bbn", name, user.password], { encoding: "utf8" }).trim(),
    );
    fs.writeFileSync(file, lines.join("\n") + "\n");
    return file;
}

function authSection(
    mode: RegistryAuthMode,
    dir: string,
    options: StartRegistryOptions,
    users: Record<string, IssuerUser>,
    issuer?: TokenIssuer,
    rootCert?: string,
): string {
    if (mode === "htpasswd") {
        return `auth:\n  htpasswd:\n    realm: test-registry\n    path: ${htpasswdFile(dir, users)}\n`;
    }
    if (mode === "token" && issuer && rootCert) {
        return `auth:\n  token:\n    realm: ${options.realm ?? issuer.realm}\n    service: test-registry\n    issuer: test-issuer\n    rootcertbundle: ${rootCert}\n`;
    }
    return "";
}

async function waitReady(url: string, child: ChildProcess, output: () => string): Promise<void> {
    const deadline = Date.now() + 15_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) throw new Error(`docker-registry exited early:\n${output()}`);
        const ok = await new Promise<boolean>((resolve) => {
            const lib = url.startsWith("https") ? https : http;
            const req = lib.get(url, { rejectUnauthorized: false }, (res) => {
                res.resume();
                resolve(true);
            });
            req.on("error", () => resolve(false));
        });
        if (ok) return;
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`docker-registry did not answer on ${url} within 15s:\n${output()}`);
}

/** Starts /usr/bin/docker-registry on 127.0.0.1 with a generated config in a temp dir; stop() kills it and removes the dir. */
export async function startRegistry(options: StartRegistryOptions): Promise<TestRegistry> {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-registry-"));
    const users = options.users ?? DEFAULT_USERS;
    let issuer: TokenIssuer | undefined;
    let rootCert: string | undefined;
    if (options.auth === "token") {
        const signing = makeSelfSignedCert(dir, "token-signing", "test-issuer");
        issuer = new TokenIssuer({
            service: "test-registry",
            issuer: "test-issuer",
            signing,
            users,
            aadPrincipals: options.aadPrincipals,
            tokenTtlSeconds: options.tokenTtlSeconds,
            refreshTokenTtlSeconds: options.refreshTokenTtlSeconds,
        });
        await issuer.start();
        rootCert = signing.certFile;
    }
    const tlsCert = options.tls ? makeSelfSignedCert(dir, "server") : undefined;
    const port = await freePort();
    const tls = tlsCert ? `  tls:\n    certificate: ${tlsCert.certFile}\n    key: ${tlsCert.keyFile}\n` : "";
    const config =
        `version: 0.1\nlog:\n  level: warn\n  accesslog:\n    disabled: ${options.accessLog ? "false" : "true"}\n` +
        `storage:\n  filesystem:\n    rootdirectory: ${options.storageDir ?? path.join(dir, "data")}\n  delete:\n    enabled: true\n` +
        `http:\n  addr: 127.0.0.1:${port}\n  secret: ${randomBytes(16).toString("hex")}\n  relativeurls: ${options.relativeUrls ? "true" : "false"}\n${tls}` +
        authSection(options.auth, dir, options, users, issuer, rootCert);
    fs.writeFileSync(path.join(dir, "config.yml"), config);
    // A process group of its own, stopped whole by a timeout, a suite deadline or the exit (liveChildren.ts).
    const child = spawn("/usr/bin/docker-registry", ["serve", path.join(dir, "config.yml")], {
        stdio: ["ignore", "pipe", "pipe"],
        detached: true,
    });
    if (child.pid !== undefined) child.once("exit", registerChild("docker-registry", child.pid, true));
    let log = "";
    child.stdout?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    child.stderr?.on("data", (chunk: Buffer) => (log += chunk.toString()));
    const stop = async () => {
        if (child.exitCode === null) {
            const exited = new Promise((resolve) => child.once("exit", resolve));
            child.kill("SIGTERM");
            await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 3000))]);
            if (child.exitCode === null) child.kill("SIGKILL");
        }
        await issuer?.stop();
        fs.rmSync(dir, { recursive: true, force: true });
    };
    try {
        await waitReady(`${options.tls ? "https" : "http"}://127.0.0.1:${port}/v2/`, child, () => log);
    } catch (error) {
        await stop();
        throw error;
    }
    return {
        host: `127.0.0.1:${port}`,
        plainHttp: !options.tls,
        caCertPem: tlsCert?.certPem,
        issuer,
        users,
        output: () => log,
        stop,
    };
}
