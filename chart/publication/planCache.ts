import { createHash } from "crypto";
import type { SignatureRecords } from "../signing/signaturePlan";
import { chartFiles } from "./chartFiles";
import { ArtifactPlan, planArtifact, PlanArtifactInputs } from "./plan";

/**
 * Plans `check` made in this provider process, by what they were made from. The engine calls `check`, then
 * `create` or `update`, for each publication of one deployment in one process: the second call takes the chart
 * `check` packaged instead of packaging it again, as long as no file of the chart changed meanwhile.
 */
const plans = new Map<string, { files: string; plan: Promise<ArtifactPlan> }>();

/** A plan for `check`, kept for the `create` or `update` that may follow. */
export function planForCheck(inputs: PlanArtifactInputs, previous: SignatureRecords, loginServerKnown: boolean): Promise<ArtifactPlan> {
    const key = planKey(inputs, previous, loginServerKnown);
    const plan = planArtifact(inputs, previous, loginServerKnown);
    plans.set(key, { files: chartListing(inputs.chartPath), plan });
    plan.catch(() => plans.delete(key));
    return plan;
}

/** A plan for publishing: the one `check` made for the same inputs while the chart is unchanged, else a new one. */
export function planForPublish(inputs: PlanArtifactInputs, previous: SignatureRecords): Promise<ArtifactPlan> {
    const key = planKey(inputs, previous, true);
    const known = plans.get(key);
    plans.delete(key);
    if (known && known.files === chartListing(inputs.chartPath)) return known.plan;
    return planArtifact(inputs, previous);
}

/** A digest of the inputs, so that no signing key is kept in clear as a map key. */
function planKey(inputs: PlanArtifactInputs, previous: SignatureRecords, loginServerKnown: boolean): string {
    const { chartPath, namespace, annotations, provenance, signing, loginServer } = inputs;
    const text = JSON.stringify([chartPath, namespace, annotations, provenance, signing ?? null, loginServer, previous, loginServerKnown]);
    return createHash("sha256").update(text).digest("hex");
}

function chartListing(dir: string): string {
    return chartFiles(dir)?.listing ?? "";
}
