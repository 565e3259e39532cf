/** What the client was doing when an OciError happened; shown in the message. */
export type OciOperation =
    "validate" | "authenticate" | "push" | "pull" | "list" | "resolve" | "delete" | "lock" | "search" | "show" | "copy";

export interface OciErrorDetails {
    operation: OciOperation;
    registry: string;
    repository?: string;
    /** HTTP status of the failing response, when there was one. */
    status?: number;
    /** Registry error code (e.g. DENIED, MANIFEST_UNKNOWN) or one of ours (VERSION_EXISTS, VERSION_CONFLICT, TIMEOUT, UNREACHABLE, TLS, ...). */
    code?: string;
    /** Only code and message of the underlying error: never request headers or bodies that could hold credentials. */
    cause?: { code?: string; message: string };
}

/**
 * Error for every failed registry interaction. Carries only names, status and codes — never a credential,
 * token or request header — so it is safe to log, serialise and store.
 */
export class OciError extends Error {
    readonly operation: OciOperation;
    readonly registry: string;
    readonly repository?: string;
    readonly status?: number;
    readonly code?: string;
    override readonly cause?: { code?: string; message: string };

    constructor(message: string, details: OciErrorDetails) {
        super(message);
        this.name = "OciError";
        this.operation = details.operation;
        this.registry = details.registry;
        this.repository = details.repository;
        this.status = details.status;
        this.code = details.code;
        this.cause = details.cause;
    }
}

/** Reduces any thrown value to {code, message} so nothing else (headers, sockets, bodies) leaks into OciError. */
export function safeCause(error: unknown): { code?: string; message: string } {
    if (error instanceof Error) {
        const code = (error as NodeJS.ErrnoException).code;
        return code ? { code: String(code), message: error.message } : { message: error.message };
    }
    return { message: String(error) };
}

/**
 * A chart version already names other content: found before writing (code VERSION_EXISTS) or because another
 * writer published the same version at the same time (code VERSION_CONFLICT). Carries both manifest digests.
 */
export class OciConflictError extends OciError {
    /** the manifest digest the version's tag points at now (another writer's), if known */
    readonly existingDigest?: string;
    /** the manifest digest this push wanted to publish */
    readonly attemptedDigest: string;

    constructor(message: string, details: OciErrorDetails & { existingDigest?: string; attemptedDigest: string }) {
        super(message, details);
        this.name = "OciConflictError";
        this.existingDigest = details.existingDigest;
        this.attemptedDigest = details.attemptedDigest;
    }
}
