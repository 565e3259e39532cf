import * as fs from "fs";

/**
 * Samples, every `intervalMs`, the resident memory of every process whose command line contains `marker`, and
 * keeps the largest seen: a process's peak as closely as sampling can tell.
 */
export class PeakMemory {
    private peakKiB = 0;
    private readonly timer: NodeJS.Timeout;

    constructor(
        private readonly marker: string,
        intervalMs = 100,
    ) {
        this.timer = setInterval(() => this.sample(), intervalMs);
        this.timer.unref();
    }

    get peakMiB(): number {
        return this.peakKiB / 1024;
    }

    stop(): void {
        clearInterval(this.timer);
    }

    private sample(): void {
        for (const pid of fs.readdirSync("/proc").filter((entry) => /^\d+$/.test(entry))) {
            try {
                if (!fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(this.marker)) continue;
                const rss = /VmRSS:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
                if (rss) this.peakKiB = Math.max(this.peakKiB, Number(rss[1]));
            } catch {
                // The process ended between listing and reading.
            }
        }
    }
}
