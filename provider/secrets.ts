/**
 * Secrets on the wire between the engine and a provider that accepts secrets: the engine sends secret values
 * wrapped in this object, and stores in plain text whatever comes back unwrapped.
 */
const SIGNATURE_KEY = "4dabf18193072939515e22adb298388d";
const SECRET_SIGNATURE = "1b47061264138c4ac30d75fd1eb44270";

export type Props = Record<string, unknown>;

export function isWrappedSecret(value: unknown): value is { value: unknown } {
    return typeof value === "object" && value !== null && (value as Props)[SIGNATURE_KEY] === SECRET_SIGNATURE;
}

export function wrapSecret(value: unknown): unknown {
    return isWrappedSecret(value) ? value : { [SIGNATURE_KEY]: SECRET_SIGNATURE, value };
}

/** The value with every secret wrapper, at any depth, replaced by what it holds. */
export function revealed(value: unknown): unknown {
    if (isWrappedSecret(value)) return revealed(value.value);
    if (Array.isArray(value)) return value.map(revealed);
    if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, revealed(inner)]));
    return value;
}

function holdsSecret(value: unknown): boolean {
    if (isWrappedSecret(value)) return true;
    if (Array.isArray(value)) return value.some(holdsSecret);
    if (value && typeof value === "object") return Object.values(value).some(holdsSecret);
    return false;
}

/** Top-level properties that hold a secret anywhere inside them. */
export function secretPropertiesOf(props: Props | undefined): string[] {
    return Object.entries(props ?? {})
        .filter(([, value]) => holdsSecret(value))
        .map(([key]) => key);
}

/** The properties with each of `keys` that is set wrapped whole as a secret; the rest as they are. */
export function concealed(props: Props | undefined, keys: Iterable<string>): Props | undefined {
    if (props === undefined) return undefined;
    const secret = new Set(keys);
    return Object.fromEntries(
        Object.entries(props).map(([key, value]) => [
            key,
            secret.has(key) && value !== undefined && value !== null ? wrapSecret(value) : value,
        ]),
    );
}
