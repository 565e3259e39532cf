import type { PulumiStack } from "../local/pulumiStack";
import type { TestRegistry } from "../local/registry";
import { RegistryRequests } from "../local/registryRequests";

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
    /** Requests the registry answered under /v2/ meanwhile (its log settled, a control request proving it logs). */
    readonly requests: number;
    /** The same requests per kind, e.g. { "manifest HEAD": 30 }. */
    readonly kinds: Record<string, number>;
}

/** Runs one phase through the CLI (throwing with its output on a failure exit) and measures it. */
export async function measurePhase(stack: PulumiStack, args: readonly string[], registry: TestRegistry): Promise<Measurement> {
    const requests = await RegistryRequests.start(registry);
    const start = process.hrtime.bigint();
    await stack.expect([...args]);
    const ms = Number(process.hrtime.bigint() - start) / 1e6;
    const kinds = await requests.settledKinds();
    return { ms, requests: Object.values(kinds).reduce((sum, count) => sum + count, 0), kinds };
}

/** Repositories under `namespace/` in which the registry accepted a tagged manifest so far, from its access log. */
export function taggedRepositories(registry: TestRegistry, namespace: string): number {
    const puts = registry.output().matchAll(new RegExp(`"PUT /v2/${namespace}/([^/ ]+)/manifests/(?!sha256:)[^ ]+ HTTP/[0-9.]+" 201`, "g"));
    return new Set([...puts].map((put) => put[1])).size;
}
