import { createHash } from "node:crypto";
import { RegistryClient, RegistryClientOptions } from "./client";

/** How every public OCI function reaches a registry. */
export interface RegistryConnectionOptions extends RegistryClientOptions {
  /** Reuse this client (its token cache and stats). Default: a client shared per registry + identity in this process. */
  client?: RegistryClient;
}

const sharedClients = new Map<string, RegistryClient>();

/** Cache key: registry, scheme, CA and a hash of the credentials (the secret itself is never kept as a key). */
function sharedKey(options: RegistryClientOptions): string {
  const hash = createHash("sha256")
    .update(JSON.stringify(options.credentials ?? null))
    .update("\0")
    .update(options.caCert ?? "")
    .digest("hex");
  return `${options.plainHttp ? "http" : "https"}://${options.registry.toLowerCase()}#${hash}`;
}

/**
 * The given client, or one shared by every call with the same registry and identity, so repeated
 * pushes reuse tokens and keep-alive connections (an unchanged re-publish costs one request).
 */
export function clientFor(options: RegistryConnectionOptions): RegistryClient {
  if (options.client) {
    return options.client;
  }
  const key = sharedKey(options);
  let client = sharedClients.get(key);
  if (!client) {
    client = new RegistryClient(options);
    sharedClients.set(key, client);
  }
  return client;
}

/** Closes and forgets all shared clients (tests, short-lived CLIs). */
export function closeSharedClients(): void {
  for (const client of sharedClients.values()) client.close();
  sharedClients.clear();
}
