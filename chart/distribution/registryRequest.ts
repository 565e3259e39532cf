import { RegistryCredentials } from "./auth/credentials";
import { TimeoutOptions } from "./http/deadline";
import { OciOperation } from "./errors";
import { RetryOptions } from "./http/retry";

/** What a RegistryClient is made from, what it counts, and what one request to a registry says. */
export interface RegistryClientOptions extends TimeoutOptions {
    /** host[:port] of the registry, e.g. "myacr.azurecr.io" */
    registry: string;
    /** Default anonymous. */
    credentials?: RegistryCredentials;
    /** Use http:// instead of https://. Only for local test registries. Default false. */
    plainHttp?: boolean;
    /** PEM CA bundle to trust for this registry (private CAs). Default: Node's built-in CAs. */
    caCert?: string | Buffer;
    retry?: RetryOptions;
}

/** Counters for benchmarks and tests: every HTTP request sent, including token requests and retries. */
export interface ClientStats {
    requests: number;
    registryRequests: number;
    tokenRequests: number;
    bytesUploaded: number;
    retries: number;
}

/** Token actions: distribution's pull/push/delete, and ACR's metadata_read/metadata_write for its /acr/v1 API. */
export type ScopeAction = "pull" | "push" | "delete" | "metadata_read" | "metadata_write";

export interface RegistryRequest {
    operation: OciOperation;
    repository: string;
    /** Token scope actions for this repository; push operations ask for pull+push on every request so one token serves them all. */
    actions: ScopeAction[];
    /** A whole token scope instead of the repository's, e.g. "registry:catalog:*" for the catalog API. */
    scope?: string;
    method: "GET" | "HEAD" | "PUT" | "POST" | "PATCH" | "DELETE";
    /** Path below the registry ("/v2/...") or an absolute URL on the registry (upload Location). */
    path: string;
    headers?: Record<string, string>;
    body?: Buffer;
    /** Retry 5xx/429/connection errors with backoff. Default true; false returns such answers to the caller. */
    retry?: boolean;
    /** Largest successful response body accepted. Default 16 MiB. */
    maxBodyBytes?: number;
}
