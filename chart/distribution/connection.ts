import { createHash } from "node:crypto";
import { RegistryClient, RegistryClientOptions } from "./client";
import { Repository } from "./repository";

/** How every public OCI function reaches a registry. */
export interface RegistryConnectionOptions extends RegistryClientOptions {
    /** Reuse this client (its token cache and stats). Default: the client `sharedRegistryClients` keeps for this registry and identity. */
    client?: RegistryClient;
}

/**
 * Clients kept per registry and identity, so repeated calls reuse tokens and keep-alive connections (an unchanged
 * re-publish costs one request). Keys are the registry, scheme, CA and a hash of the credentials: the secret itself
 * is never kept as a key.
 */
export class RegistryClients {
    private readonly clients = new Map<string, RegistryClient>();

    /** The options' own client, or the one kept for their registry and identity. */
    clientFor(options: RegistryConnectionOptions): RegistryClient {
        if (options.client) return options.client;
        const key = RegistryClients.keyOf(options);
        let client = this.clients.get(key);
        if (!client) {
            client = new RegistryClient(options);
            this.clients.set(key, client);
        }
        return client;
    }

    /** A repository reached through the client for these options; validates the repository name. */
    repository(options: RegistryConnectionOptions, name: string): Repository {
        return new Repository(this.clientFor(options), name);
    }

    /** Closes and forgets every client. */
    close(): void {
        for (const client of this.clients.values()) client.close();
        this.clients.clear();
    }

    private static keyOf(options: RegistryClientOptions): string {
        const hash = createHash("sha256")
            .update(JSON.stringify(options.credentials ?? null))
            .update("\0")
            .update(options.caCert ?? "")
            .digest("hex");
        return `${options.plainHttp ? "http" : "https"}://${options.registry.toLowerCase()}#${hash}`;
    }
}

/** The clients the option-taking functions (pushChart, pullChart, listTags, ...) share within this process. */
export const sharedRegistryClients = new RegistryClients();

/** The given client, or the shared one for this registry and identity. */
export function clientFor(options: RegistryConnectionOptions): RegistryClient {
    return sharedRegistryClients.clientFor(options);
}

/** A repository through the shared clients (or the options' own client). */
export function openRepository(options: RegistryConnectionOptions, name: string): Repository {
    return sharedRegistryClients.repository(options, name);
}

/** Closes and forgets all shared clients (tests, short-lived CLIs). */
export function closeSharedClients(): void {
    sharedRegistryClients.close();
}
