import type { TestRegistry } from "../../../scripts/local/registry";

const WRITE = /"(PUT|POST|PATCH|DELETE) \/v2\/[^"]*"/g;

/**
 * Counts the write requests the registry logs from now on. Before counting it sends a request of its own and waits
 * until the registry has logged it, so a count is never read from a log that is behind.
 */
export function registryWrites(registry: TestRegistry): { settledCount(): Promise<number>; lines(): string[] } {
    const start = registry.output().length;
    const lines = () => registry.output().slice(start).match(WRITE) ?? [];
    return {
        lines,
        async settledCount() {
            const logged = registry.requestCount();
            const scheme = registry.plainHttp ? "http" : "https";
            await fetch(`${scheme}://${registry.host}/v2/`).catch(() => undefined);
            const deadline = Date.now() + 10_000;
            while (registry.requestCount() <= logged) {
                if (Date.now() > deadline) throw new Error("the registry did not log a control request within 10 s");
                await new Promise((resolve) => setTimeout(resolve, 50));
            }
            return lines().length;
        },
    };
}
