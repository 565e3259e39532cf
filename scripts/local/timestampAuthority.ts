import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as http from "http";
import { freeLoopbackPort } from "./ports";
import { cleanUpOnExit, ManagedProcess, startProcess } from "./processes";
import { installedTool } from "./tools";

/** Sigstore's RFC 3161 timestamp authority on 127.0.0.1, signing with a key and chain it makes in memory. */
export interface LocalTimestampAuthority {
    /** http://127.0.0.1:<port> (the API is <url>/api/v1/timestamp) */
    url: string;
    /** PEM chain (timestamping leaf, intermediate, root) as /api/v1/timestamp/certchain serves it. */
    chainFile: string;
    process: ManagedProcess;
    stop(): Promise<void>;
}

/**
 * Starts the timestamp authority (scripts/setup-tools.sh timestamp-authority builds scripts/timestamp-server-loopback:
 * `timestamp-server serve`'s REST API on 127.0.0.1, with no metrics listener and no NTP monitoring).
 */
export async function startTimestampAuthority(): Promise<LocalTimestampAuthority> {
    const binary = installedTool("timestamp-server-loopback", "timestamp-authority");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-tsa-"));
    const forget = cleanUpOnExit(() => fs.rmSync(dir, { recursive: true, force: true }));
    const port = await freeLoopbackPort();
    const args = ["--port", String(port), "--log-type", "dev"];
    const child = startProcess({ name: "timestamp-server", command: binary, args, logFile: path.join(dir, "tsa.log") });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
        await child.stop(5_000);
        fs.rmSync(dir, { recursive: true, force: true });
        forget();
    };
    try {
        const chain = await waitForChain(url, child);
        const chainFile = path.join(dir, "tsa-chain.pem");
        fs.writeFileSync(chainFile, chain);
        return { url, chainFile, process: child, stop };
    } catch (error) {
        await stop();
        throw error;
    }
}

async function waitForChain(url: string, child: ManagedProcess): Promise<string> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const status = child.exitStatus();
        if (status) throw new Error(`timestamp-server exited early (${status}):\n${child.logTail()}`);
        const chain = await getChain(`${url}/api/v1/timestamp/certchain`).catch(() => undefined);
        if (chain?.includes("BEGIN CERTIFICATE")) return chain;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`timestamp-server did not answer on ${url} within 30s:\n${child.logTail()}`);
}

/** GET with the chain's own media type: asked for application/json, the server panics (HTTP 500). */
function getChain(url: string): Promise<string | undefined> {
    return new Promise((resolve, reject) => {
        const req = http.get(url, { headers: { Accept: "application/pem-certificate-chain" }, timeout: 2_000 }, (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (chunk: Buffer) => chunks.push(chunk));
            res.on("end", () => resolve(res.statusCode === 200 ? Buffer.concat(chunks).toString("utf8") : undefined));
            res.on("error", reject);
        });
        req.on("timeout", () => req.destroy(new Error("timed out")));
        req.on("error", reject);
    });
}
