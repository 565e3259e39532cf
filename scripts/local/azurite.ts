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
    stop(): Promise<void>;
}

export async function startAzurite(): Promise<LocalBlobStorage> {
    const location = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-azurite-"));
    const port = await freeLoopbackPort();
    const binary = path.join(findRepoRoot(), "node_modules", ".bin", "azurite-blob");
    const args = ["--blobHost", "127.0.0.1", "--blobPort", String(port), "--location", location, "--silent", "--disableTelemetry"];
    // The Azure SDK inside the Pulumi CLI sends a newer x-ms-version than Azurite 3.35 knows; the Blob calls it makes
    // (get, put, list, delete) are unchanged since versions Azurite serves.
    args.push("--skipApiVersionCheck");
    const server = startProcess({ name: "azurite", command: binary, args, logFile: path.join(location, "azurite.log") });
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
