import { formatSeconds, TimeoutHit } from "./http/deadline";
import { OciError, OciOperation, safeCause } from "./errors";
import { ResponseTooLarge } from "./http/transport";

export interface ErrorContext {
    operation: OciOperation;
    registry: string;
    repository?: string;
    /** e.g. `user "ci"` — from describeIdentity, never a secret */
    identity: string;
}

function where(ctx: ErrorContext): string {
    return ctx.repository ? `${ctx.registry}/${ctx.repository}` : ctx.registry;
}

/** What the identity needs for this operation, as a sentence tail. */
function needFor(operation: OciOperation): string {
    if (operation === "lock") {
        return "permission to write repository metadata (metadata_write) on the registry, or set lockAfterPush to false to publish without locking";
    }
    if (operation === "search") {
        return "permission to list the registry's repositories (the catalog: on ACR the AcrPull or Reader role, or Container Registry Repository Catalog Lister where repository permissions are enabled)";
    }
    const role =
        operation === "pull" || operation === "list" || operation === "resolve" || operation === "show" || operation === "authenticate"
            ? "AcrPull (or AcrPush)"
            : operation === "delete"
              ? "AcrDelete (or Contributor)"
              : operation === "copy"
                ? "AcrPull on the source and AcrPush on the destination"
                : "AcrPush";
    return `the ${role} role on the registry`;
}

export function unauthorizedError(ctx: ErrorContext, status: number, code = "UNAUTHORIZED"): OciError {
    return new OciError(
        `${ctx.operation} ${where(ctx)} failed: registry ${ctx.registry} rejected the credentials (HTTP ${status}). ` +
            `Check the credentials for ${ctx.identity}; the identity needs ${needFor(ctx.operation)}.`,
        { ...ctx, status, code },
    );
}

export function deniedError(ctx: ErrorContext, status: number, registryMessage?: string): OciError {
    const detail = registryMessage ? ` (${registryMessage})` : "";
    return new OciError(
        `${ctx.operation} ${where(ctx)} failed: ${ctx.identity} is authenticated but not allowed to ${ctx.operation} ` +
            `on registry ${ctx.registry}${detail}. Grant the identity ${needFor(ctx.operation)}.`,
        { ...ctx, status, code: "DENIED" },
    );
}

const TLS_CODES = new Set([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "UNABLE_TO_GET_ISSUER_CERT",
    "CERT_HAS_EXPIRED",
    "CERT_NOT_YET_VALID",
    "ERR_TLS_CERT_ALTNAME_INVALID",
    "ERR_SSL_WRONG_VERSION_NUMBER",
    "EPROTO",
]);
const UNREACHABLE_CODES = new Set(["ECONNREFUSED", "ENOTFOUND", "EAI_AGAIN", "EHOSTUNREACH", "ENETUNREACH"]);
const RETRYABLE_CONNECTION_CODES = new Set(["ECONNRESET", "EPIPE", "ETIMEDOUT", "ECONNABORTED", "UND_ERR_SOCKET"]);

export function isRetryableConnectionError(error: unknown): boolean {
    const code = (error as NodeJS.ErrnoException | undefined)?.code;
    return (code !== undefined && RETRYABLE_CONNECTION_CODES.has(code)) || /socket hang up/i.test(String(error));
}

/** A limit was hit: names the registry, the operation, the limit and the setting that raises it. */
export function timeoutError(ctx: ErrorContext, host: string, hit: TimeoutHit): OciError {
    const limit = `${formatSeconds(hit.limitMs)} (${hit.setting})`;
    const what =
        hit.setting === "operationTimeoutMs"
            ? `the ${ctx.operation} did not finish within ${limit}${hit.lastFailure ? `; last attempt: ${hit.lastFailure}` : ""}. Registry ${host} is down or too slow`
            : `registry ${host} ${hit.what} within ${limit}`;
    return new OciError(
        `${ctx.operation} ${where(ctx)} failed: ${what}. Check that the registry is up and reachable; if it is only slow, raise ${hit.setting}.`,
        { ...ctx, code: "TIMEOUT", cause: { code: hit.setting, message: hit.message } },
    );
}

/** Turns a Node connection/TLS error into an OciError naming the host and the fix. */
export function connectionError(ctx: ErrorContext, host: string, error: unknown): OciError {
    if (error instanceof TimeoutHit) return timeoutError(ctx, host, error);
    if (error instanceof ResponseTooLarge) {
        return new OciError(
            `${ctx.operation} ${where(ctx)} failed: registry ${host} answered with more than ${error.limit} bytes, more than such an ` +
                `answer can legitimately hold; the registry is misbehaving or is not an OCI registry.`,
            { ...ctx, code: "RESPONSE_TOO_LARGE" },
        );
    }
    const cause = safeCause(error);
    const code = cause.code ?? "";
    const base = `${ctx.operation} ${where(ctx)} failed:`;
    if (TLS_CODES.has(code) || /certificate|ssl|tls/i.test(cause.message)) {
        return new OciError(
            `${base} TLS connection to ${host} failed (${cause.code ?? cause.message}). Pass the registry's CA certificate ` +
                `as caCert (PEM) or fix the server certificate; use plainHttp only for local test registries.`,
            { ...ctx, code: "TLS", cause },
        );
    }
    if (UNREACHABLE_CODES.has(code)) {
        return new OciError(
            `${base} cannot reach ${host} (${code}). Check the registry loginServer and the network (DNS, firewall, proxy).`,
            { ...ctx, code: "UNREACHABLE", cause },
        );
    }
    return new OciError(`${base} connection to ${host} failed (${cause.code ?? cause.message}).`, {
        ...ctx,
        code: "CONNECTION_FAILED",
        cause,
    });
}

/** {"errors":[{code,message}]} (distribution) or {error, error_description} (OAuth2), else undefined. */
export function registryErrorOf(body: Buffer): { code?: string; message?: string } | undefined {
    try {
        const parsed = JSON.parse(body.toString("utf8")) as {
            errors?: { code?: string; message?: string }[];
            error?: string;
            error_description?: string;
        };
        if (Array.isArray(parsed.errors) && parsed.errors.length > 0) {
            return { code: parsed.errors[0].code, message: parsed.errors[0].message };
        }
        if (typeof parsed.error === "string") {
            return { code: parsed.error, message: parsed.error_description };
        }
    } catch {
        // not JSON: no structured error
    }
    return undefined;
}

export function redirectRefusedError(ctx: ErrorContext, status: number, reason: string): OciError {
    return new OciError(
        `${ctx.operation} ${where(ctx)} failed: registry ${ctx.registry} sent a ${reason}, which is not followed. ` +
            `The registry (or a proxy in front of it) is misconfigured or hostile.`,
        { ...ctx, status, code: "REDIRECT_REFUSED" },
    );
}

export function httpError(ctx: ErrorContext, status: number, body: Buffer, what: string): OciError {
    const registryError = registryErrorOf(body);
    const detail = registryError ? `: ${registryError.code ?? ""} ${registryError.message ?? ""}`.trimEnd() : "";
    return new OciError(`${ctx.operation} ${where(ctx)} failed: ${what} returned HTTP ${status}${detail}.`, {
        ...ctx,
        status,
        code: registryError?.code,
    });
}
