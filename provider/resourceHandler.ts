import type * as pulumi from "@pulumi/pulumi";

export type Props = Record<string, unknown>;

/**
 * One custom resource's lifecycle over plain values: the provider checks the inputs against the schema and
 * unwraps secrets before calling it, and wraps what the schema marks secret (and whatever arrived secret) again in
 * everything it returns.
 */
export interface ResourceHandler {
    /**
     * `check` sends no request: it also runs on inputs that break the contract, so that its own findings (a chart
     * that does not package, say) are reported with the contract's, all at once.
     */
    readonly checksOffline?: boolean;
    check(olds: Props, news: Props): Promise<pulumi.provider.CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult>;
    create(inputs: Props): Promise<pulumi.provider.CreateResult>;
    update(id: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult>;
    read?(id: string, props: Props): Promise<pulumi.provider.ReadResult>;
    delete?(id: string, props: Props): Promise<void>;
}

/** Set in state by the dynamic provider this package used before it had a plugin: the serialized provider code. */
export const DYNAMIC_PROVIDER_PROPERTY = "__provider";

/** True when the stored state was written by the former dynamic provider: one update rewrites it without its code. */
export function writtenByDynamicProvider(olds: Props): boolean {
    return olds[DYNAMIC_PROVIDER_PROPERTY] !== undefined;
}

/** The properties without the former dynamic provider's serialized code. */
export function withoutDynamicProvider(props: Props): Props {
    return Object.fromEntries(Object.entries(props).filter(([key]) => key !== DYNAMIC_PROVIDER_PROPERTY));
}

/**
 * For state of the former dynamic provider whose diff, without the provider code, finds no change: the program's
 * inputs with the outputs named in `kept` taken from the old state. Nothing is sent to any registry.
 */
export async function migratedIfUnchanged(
    handler: Pick<ResourceHandler, "diff">,
    id: string,
    olds: Props,
    news: Props,
    kept: readonly string[],
): Promise<Props | undefined> {
    if (!writtenByDynamicProvider(olds)) return undefined;
    const previous = withoutDynamicProvider(olds);
    if ((await handler.diff(id, previous, news)).changes) return undefined;
    return { ...news, ...Object.fromEntries(kept.map((key) => [key, previous[key]])) };
}
