import { execFile } from "child_process";
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { promisify } from "util";
import { request } from "./http";
import { freeLoopbackPort } from "./ports";
import { cleanUpOnExit, ManagedProcess, startProcess } from "./processes";
import { installedTool } from "./tools";

const run = promisify(execFile);

/** A Fulcio certificate authority on 127.0.0.1 trusting one OIDC issuer; no CT log. */
export interface LocalFulcio {
    /** http://127.0.0.1:<port> */
    url: string;
    /** PEM of the root CA every issued certificate chains to (the file CA's own certificate). */
    rootCertPem: string;
    rootCertFile: string;
    process: ManagedProcess;
    stop(): Promise<void>;
}

export interface LocalFulcioOptions {
    /** The issuer URL, exactly as its tokens' `iss` claim says it (Fulcio fetches its discovery document). */
    issuerUrl: string;
    /** Fulcio's issuer type: "github-workflow" makes the certificate's SAN the token's job_workflow_ref. */
    issuerType?: string;
    /** The audience Fulcio requires (the `aud` the token must carry). */
    clientId?: string;
}

/** A P-256 root CA valid for a day; the key is encrypted PKCS#8, which Fulcio's file CA requires a password for. */
async function makeRootCa(dir: string, password: string): Promise<{ cert: string; key: string }> {
    const cert = path.join(dir, "fulcio-root.crt");
    const key = path.join(dir, "fulcio-root.key");
    // prettier-ignore
    await run("openssl", [
        "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-days", "1",
        "-subj", "/O=acr-helm-local/CN=acr-helm-local-fulcio-root",
        "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
        "-passout", `pass:${password}`, "-keyout", key, "-out", cert,
    ]);
    return { cert, key };
}

async function waitHealthy(url: string, child: ManagedProcess): Promise<void> {
    const deadline = Date.now() + 30_000;
    while (Date.now() < deadline) {
        const status = child.exitStatus();
        if (status) throw new Error(`fulcio exited early (${status}):\n${child.logTail()}`);
        const answer = await request(`${url}/api/v2/trustBundle`, { timeoutMs: 2_000 }).catch(() => undefined);
        if (answer?.status === 200) return;
        await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`fulcio did not answer on ${url} within 30s:\n${child.logTail()}`);
}

/**
 * Starts Fulcio (scripts/setup-tools.sh fulcio builds scripts/fulcio-loopback: `fulcio serve`'s server, HTTP and gRPC on
 * one port, every listener on 127.0.0.1, no metrics listener) with a file CA made here; stop() ends it by its pid.
 */
export async function startFulcio(options: LocalFulcioOptions): Promise<LocalFulcio> {
    const binary = installedTool("fulcio-loopback", "fulcio");
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-fulcio-"));
    const forget = cleanUpOnExit(() => fs.rmSync(dir, { recursive: true, force: true }));
    const password = randomBytes(12).toString("hex");
    const ca = await makeRootCa(dir, password);
    const config = {
        OIDCIssuers: {
            [options.issuerUrl]: {
                IssuerURL: options.issuerUrl,
                ClientID: options.clientId ?? "sigstore",
                Type: options.issuerType ?? "github-workflow",
            },
        },
    };
    fs.writeFileSync(path.join(dir, "config.json"), JSON.stringify(config, null, 2));
    const port = await freeLoopbackPort();
    // prettier-ignore
    const args = [
        "--port", String(port), "--config-path", path.join(dir, "config.json"),
        "--fileca-cert", ca.cert, "--fileca-key", ca.key, "--fileca-key-passwd", password, "--log_type", "dev",
    ];
    const child = startProcess({ name: "fulcio", command: binary, args, logFile: path.join(dir, "fulcio.log"), redact: [password] });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
        await child.stop(5_000);
        fs.rmSync(dir, { recursive: true, force: true });
        forget();
    };
    try {
        await waitHealthy(url, child);
    } catch (error) {
        await stop();
        throw error;
    }
    return { url, rootCertPem: fs.readFileSync(ca.cert, "utf8"), rootCertFile: ca.cert, process: child, stop };
}
