import type { PulumiStack } from "../../../scripts/local/pulumiStack";

export interface ReleasedChart {
    readonly ref: string;
    readonly version: string;
    readonly digest: string;
    readonly releaseNamespace: string;
    readonly releaseStatus: string;
    readonly releaseRevision: number;
}

/** The app stack's `charts.<release>` output. */
export async function releaseOf(stack: PulumiStack, release: string): Promise<ReleasedChart> {
    const charts = (await stack.outputs()).charts as Record<string, ReleasedChart> | undefined;
    const chart = charts?.[release];
    if (!chart) throw new Error(`stack ${stack.name} exports no chart ${release}: ${JSON.stringify(charts)}`);
    return chart;
}

export interface PreviewStep {
    readonly op: string;
    readonly type: string;
    readonly name: string;
    readonly diffs: string[];
}

/** The steps of `pulumi preview --json`, named by resource type and name; `diffs` joins the update and replace reasons. */
export function previewSteps(json: string): PreviewStep[] {
    type Step = { op: string; urn: string; diffReasons?: string[]; replaceReasons?: string[] };
    const steps = (JSON.parse(json) as { steps?: Step[] }).steps ?? [];
    return steps.map((step) => {
        const parts = step.urn.split("::");
        return {
            op: step.op,
            type: parts[2].split("$").pop()!,
            name: parts[3],
            diffs: [...new Set([...(step.diffReasons ?? []), ...(step.replaceReasons ?? [])])].sort(),
        };
    });
}
