import type { Measurement, PhaseName } from "./phases";
import { formatMs, median } from "./stats";

/**
 * helm: the hand-written helm package+push resource; publication: ChartPublication through the plugin; floor: a
 * no-op resource; yaml: ChartPublication in a Pulumi YAML program.
 */
export type Variant = "helm" | "publication" | "floor" | "yaml";

export type Results = Record<Variant, Record<PhaseName, Measurement[]>>;

function spread(values: number[]): string {
    return `${formatMs(Math.min(...values))} / ${formatMs(median(values))} / ${formatMs(Math.max(...values))}`;
}

/**
 * The table of the engine benchmark: min / median / max per phase, the ratio of medians, the requests per run, and
 * the no-op resource's times with the ratio no resource could beat (helm / no-op).
 */
export function printReport(results: Results, phases: readonly PhaseName[]): void {
    console.log(
        "\nphase | hand-written helm package+push resource (min / median / max) | ChartPublication (min / median / max) | ratio B/A (medians) | requests B ; A (per run) | no-op resource (min / median / max) | helm / no-op (the ratio's ceiling) | ChartPublication above the floor (medians) | YAML program (min / median / max)",
    );
    const medianMs = (list: Measurement[]) => median(list.map((m) => m.ms));
    for (const phase of phases) {
        const { helm, publication, floor, yaml } = {
            helm: results.helm[phase],
            publication: results.publication[phase],
            floor: results.floor[phase],
            yaml: results.yaml[phase],
        };
        const requests = (list: Measurement[]) => list.map((m) => m.requests).join(", ");
        const ratio = (a: Measurement[], b: Measurement[]) => `${(medianMs(a) / medianMs(b)).toFixed(2)}x`;
        console.log(
            `${phase} | ${spread(helm.map((m) => m.ms))} | ${spread(publication.map((m) => m.ms))} | ${ratio(helm, publication)} | ` +
                `${requests(helm)} ; ${requests(publication)} | ${spread(floor.map((m) => m.ms))} | ${ratio(helm, floor)} | ` +
                `${formatMs(medianMs(publication) - medianMs(floor))} | ${spread(yaml.map((m) => m.ms))}`,
        );
    }
}

/** The targets; returns whether all are met. */
export function printTargets(results: Results): boolean {
    const ratioOf = (phase: PhaseName) =>
        median(results.helm[phase].map((m) => m.ms)) / median(results.publication[phase].map((m) => m.ms));
    const quiet = (phase: PhaseName) => results.publication[phase].every((m) => m.requests === 0);
    const ratio = ratioOf("first up");
    const targets = [
        {
            text: `first up of ChartPublication at least 2.4x faster than the helm resource (measured ${ratio.toFixed(2)}x)`,
            met: ratio >= 2.4,
        },
        ...(["unchanged up", "preview"] as const).map((phase) => ({
            text: `${phase} of ChartPublication at least as fast as the helm resource (measured ${ratioOf(phase).toFixed(2)}x)`,
            met: ratioOf(phase) >= 1,
        })),
        { text: "unchanged up of ChartPublication sends no request to the registry", met: quiet("unchanged up") },
        { text: "preview of ChartPublication sends no request to the registry", met: quiet("preview") },
    ];
    console.log("\ntargets:");
    for (const target of targets) console.log(`  ${target.met ? "met    " : "NOT met"}  ${target.text}`);
    return targets.every((target) => target.met);
}
