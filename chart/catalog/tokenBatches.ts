import { RegistryClient } from "../distribution/client";

/** Repositories whose pull scopes share one token request; ACR and distribution accept many scopes per request. */
const BATCH_SIZE = 25;

/**
 * Returns a function to await before reading a repository: the first call for a batch of repositories asks for
 * one token covering all of them. A failed batch request is ignored; each repository then gets its own token.
 */
export function tokenBatches(client: RegistryClient, repositories: readonly string[]): (repository: string) => Promise<void> {
    const position = new Map(repositories.map((repository, index) => [repository, index]));
    const batches = new Map<number, Promise<void>>();
    return (repository) => {
        const batch = Math.floor((position.get(repository) ?? 0) / BATCH_SIZE);
        let pending = batches.get(batch);
        if (!pending) {
            const scopes = repositories.slice(batch * BATCH_SIZE, (batch + 1) * BATCH_SIZE).map((name) => `repository:${name}:pull`);
            pending = client.prefetchTokens(scopes, "search").catch(() => undefined);
            batches.set(batch, pending);
        }
        return pending;
    };
}
