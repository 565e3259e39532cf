import type { PulumiStack } from "../local/pulumiStack";
import type { TestRegistry } from "../local/registry";

/** The three operations the engine benchmark times, in order, on a fresh stack. */
export const PHASES = [
    { name: "first up", args: ["up", "--yes", "--skip-preview"] },
    { name: "unchanged up", args: ["up", "--yes", "--skip-preview", "--expect-no-changes"] },
    { name: "preview", args: ["preview", "--expect-no-changes"] },
] as const;

export type PhaseName = (typeof PHASES)[number]["name"];

export interface Measurement {
    /** Wall time of the CLI process, from start to exit. */
    readonly ms: number;
    /** Requests the registry answered under /v2/ meanwhile. */
    readonly requests: number;
}

/** Runs one phase through the CLI (throwing with its output on a failure exit) and measures it. */
export async function measurePhase(stack: PulumiStack, args: readonly string[], registry: TestRegistry): Promise<Measurement> {
    const before = await settledCount(registry);
    const start = process.hrtime.bigint();
    await stack.expect([...args]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    return { ms, requests: (await settledCount(registry)) - before };
}

/** The registry's request count once its access log has stopped growing (lines arrive just after responses). */
async function settledCount(registry: TestRegistry): Promise<number> {
    let count = registry.requestCount();
    for (;;) {
        await new Promise((resolve) => setTimeout(resolve, 150));
        const next = registry.requestCount();
        if (next === count) return count;
        count = next;
    }
}

/** Repositories under `namespace/` in which the registry accepted a tagged manifest so far, from its access log. */
export function taggedRepositories(registry: TestRegistry, namespace: string): number {
    const puts = registry.output().matchAll(new RegExp(`"PUT /v2/${namespace}/([^/ ]+)/manifests/(?!sha256:)[^ ]+ HTTP/[0-9.]+" 201`, "g"));
    return new Set([...puts].map((put) => put[1])).size;
}
