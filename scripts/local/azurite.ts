import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BlobAccount, blobRequest } from "./blobSharedKey";
import { waitUntil } from "./http";
import { freeLoopbackPort } from "./ports";
import { startProcess } from "./processes";
import { findRepoRoot } from "./tools";

// Azurite's well-known development account (public, documented by Microsoft; not a secret of anyone).
const DEV_ACCOUNT = "devstoreaccount1";
const DEV_ACCOUNT_KEY = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

export interface BlobObject {
    readonly name: string;
    readonly etag: string;
}

/** A request the Blob service received: its method and path (`/<account>/<container>/<blob>`). */
export interface BlobRequest {
    readonly method: string;
    readonly path: string;
}

/** Azurite's Blob service on 127.0.0.1: Azure Blob Storage for a Pulumi `azblob://` state backend. */
export interface LocalBlobStorage {
    readonly account: BlobAccount;
    /** Directory Azurite keeps the blobs in: the store's raw objects. */
    readonly location: string;
    /** Environment that points `pulumi login azblob://<container>` at this emulator. */
    backendEnv(): Record<string, string>;
    createContainer(name: string): Promise<void>;
    /** Every blob of a container, with its ETag (which changes on every write). */
    listBlobs(container: string): Promise<BlobObject[]>;
    /** A mark in the service's request log, for `requestsSince`. */
    requestMark(): number;
    /** The requests received after `mark`, once the log has caught up with them. */
    requestsSince(mark: number): Promise<BlobRequest[]>;
    stop(): Promise<void>;
}

export async function startAzurite(): Promise<LocalBlobStorage> {
    const location = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-azurite-"));
    const port = await freeLoopbackPort();
    const binary = path.join(findRepoRoot(), "node_modules", ".bin", "azurite-blob");
    // Not --silent: the access log (method, path, status of every request) is how tests see what was written.
    const requestLog = path.join(location, "azurite.log");
    const args = ["--blobHost", "127.0.0.1", "--blobPort", String(port), "--location", location, "--disableTelemetry"];
    // The Azure SDK inside the Pulumi CLI sends a newer x-ms-version than Azurite 3.35 knows; the Blob calls it makes
    // (get, put, list, delete) are unchanged since versions Azurite serves.
    args.push("--skipApiVersionCheck");
    const server = startProcess({ name: "azurite", command: binary, args, logFile: requestLog });
    const account: BlobAccount = { endpoint: `http://127.0.0.1:${port}`, name: DEV_ACCOUNT, key: DEV_ACCOUNT_KEY };
    const stop = async () => {
        await server.stop();
        fs.rmSync(location, { recursive: true, force: true });
    };
    try {
        await waitUntil(
            "Azurite",
            async () => (await blobRequest(account, "GET", "?comp=list")).status === 200,
            30_000,
            () => server.exitStatus() && `exited (${server.exitStatus()}): ${server.logTail()}`,
        );
    } catch (error) {
        await stop();
        throw error;
    }
    return {
        account,
        location,
        backendEnv: () => ({
            AZURE_STORAGE_ACCOUNT: account.name,
            AZURE_STORAGE_KEY: account.key,
            AZURE_STORAGE_DOMAIN: `127.0.0.1:${port}`,
            AZURE_STORAGE_PROTOCOL: "http",
        }),
        createContainer: async (name) => {
            const reply = await blobRequest(account, "PUT", `/${name}?restype=container`);
            if (reply.status !== 201) throw new Error(`creating container ${name} answered ${reply.status}: ${reply.body}`);
        },
        listBlobs: (container) => listBlobs(account, container),
        requestMark: () => (fs.existsSync(requestLog) ? fs.statSync(requestLog).size : 0),
        requestsSince: async (mark) => {
            // A request is logged once its response is sent; give the last one a moment to reach the file.
            await new Promise((resolve) => setTimeout(resolve, 500));
            return requestsIn(fs.readFileSync(requestLog).subarray(mark).toString("utf8"));
        },
        stop,
    };
}

async function listBlobs(account: BlobAccount, container: string): Promise<BlobObject[]> {
    const reply = await blobRequest(account, "GET", `/${container}?restype=container&comp=list&maxresults=5000`);
    if (reply.status !== 200) throw new Error(`listing container ${container} answered ${reply.status}`);
    return [...reply.body.matchAll(/<Blob>.*?<Name>([^<]*)<\/Name>.*?<Etag>([^<]*)<\/Etag>.*?<\/Blob>/gs)].map((match) => ({
        name: match[1],
        etag: match[2],
    }));
}

// The access log's "common" format: 127.0.0.1 - - [02/Dec/2026:17:20:00 +0000] "PUT /devstoreaccount1/c/b HTTP/1.1" 201 -
const REQUEST_LINE = /"([A-Z]+) (\/\S*) HTTP\/[\d.]+"/g;

function requestsIn(log: string): BlobRequest[] {
    return [...log.matchAll(REQUEST_LINE)].map((match) => ({ method: match[1], path: decodeURIComponent(match[2].split("?")[0]) }));
}
