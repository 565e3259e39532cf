import { createHash } from "crypto";
import * as path from "path";
import { packageVersion } from "../packageRoot";
import type { SignatureRecords } from "../signing/signaturePlan";
import { chartFiles } from "./chartFiles";
import type { PlanArtifactInputs } from "./plan";
import type { PlannedProperties } from "./state";

/** A file changed more recently than this could change again within the same timestamp, unseen. */
const SETTLED_MS = 2000;

/** What `check` records in the inputs: the fingerprint its planned properties were computed from. */
export const FINGERPRINT_PROPERTY = "sourceFingerprint";

/**
 * A fingerprint of everything a plan is computed from, where that is only the inputs and the chart directory's
 * files (their names, sizes, times and modes): `check` reuses the planned properties recorded with an equal
 * fingerprint instead of packaging the chart again, which is most of the work of an unchanged preview.
 *
 * Undefined, so that the chart is packaged, where the plan depends on more: git provenance (the repository's
 * history), signing keys (not to be hashed into state), a packaged .tgz, or a file changed in the last seconds.
 */
export function sourceFingerprint(
    inputs: PlanArtifactInputs,
    previous: SignatureRecords,
    loginServerKnown: boolean,
    now: number = Date.now(),
): string | undefined {
    if (inputs.signing !== undefined || inputs.provenance === true) return undefined;
    const chartPath = path.resolve(inputs.chartPath);
    const files = chartFiles(chartPath);
    if (files === undefined || files.newestChangeMs > now - SETTLED_MS) return undefined;
    const { namespace, annotations, provenance, loginServer } = inputs;
    const made = [packageVersion(), chartPath, namespace, annotations, provenance, loginServer, loginServerKnown, previous];
    return createHash("sha256").update(JSON.stringify(made)).update("\0").update(files.listing).digest("hex");
}

/** The version is recorded only once the chart is published (see the publication's `check`). */
type RecordedPlan = Omit<PlannedProperties, "version"> & { readonly version?: string };

const RECORDED_KEYS = [
    "name",
    "tag",
    "repositoryPath",
    "expectedDigest",
    "chartDigest",
    "size",
    "resolvedAnnotations",
    "signatures",
    "chartWarnings",
] as const satisfies readonly (keyof RecordedPlan)[];

/** The planned properties `check` recorded in the previous inputs, when they were computed from `fingerprint`. */
export function recordedPlan(olds: Record<string, unknown>, fingerprint: string | undefined): RecordedPlan | undefined {
    if (fingerprint === undefined || olds[FINGERPRINT_PROPERTY] !== fingerprint) return undefined;
    const required = RECORDED_KEYS.filter((key) => key !== "signatures");
    if (required.some((key) => olds[key] === undefined)) return undefined;
    const recorded = Object.fromEntries(RECORDED_KEYS.map((key) => [key, olds[key]])) as unknown as RecordedPlan;
    return typeof olds.version === "string" ? { ...recorded, version: olds.version } : recorded;
}
