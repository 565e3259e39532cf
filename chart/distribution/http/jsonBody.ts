import { OciError, OciOperation } from "../errors";

/** Parses a registry answer as JSON; a malformed answer becomes an OciError naming what was read (never the raw SyntaxError). */
export function parseJsonBody<T>(body: Buffer, what: string, ctx: { operation: OciOperation; registry: string; repository: string }): T {
    try {
        return JSON.parse(body.toString("utf8")) as T;
    } catch {
        throw new OciError(
            `${ctx.operation} ${ctx.registry}/${ctx.repository} failed: the registry answered ${what} with malformed JSON.`,
            {
                ...ctx,
                code: "INVALID_RESPONSE",
            },
        );
    }
}
