/** The engine's wire format, as the plugin's handlers see it after secrets are unwrapped. */

/** The value the engine sends for an input that is not known yet (during preview). */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function containsUnknown(value: unknown): boolean {
    if (value === UNKNOWN) return true;
    if (Array.isArray(value)) return value.some(containsUnknown);
    if (value && typeof value === "object") return Object.values(value).some(containsUnknown);
    return false;
}

/**
 * The state as the engine can carry it: plain JSON, without `undefined` fields (which the engine's gRPC layer
 * rejects with "Unexpected struct type").
 */
export function plainState(state: object): Record<string, unknown> {
    return JSON.parse(JSON.stringify(state)) as Record<string, unknown>;
}

/** Inputs the provider has checked against the schema (see contract/), as the contract's generated type. */
export function decoded<Inputs>(checked: Record<string, unknown>): Inputs {
    return checked as Inputs;
}
