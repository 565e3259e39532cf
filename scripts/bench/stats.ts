export function median(values: number[]): number {
    const sorted = [...values].sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

/** Runs `fn` `runs` times and returns the median wall time in milliseconds. */
export async function medianMs(runs: number, fn: (run: number) => Promise<void>): Promise<number> {
    const times: number[] = [];
    for (let run = 0; run < runs; run++) {
        const start = process.hrtime.bigint();
        await fn(run);
        times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    return median(times);
}

export function formatMs(ms: number): string {
    return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms.toFixed(0)} ms`;
}
