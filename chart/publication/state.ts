import type { PublicationInputs } from "./inputs";
import type { SignatureRecords } from "../signing/signaturePlan";
import type { ArtifactPlan } from "./plan";

/** Properties computed by `check` from the chart on disk; known during preview. */
export interface PlannedProperties {
    readonly name: string;
    readonly version: string;
    readonly tag: string;
    readonly repositoryPath: string;
    readonly expectedDigest: string;
    readonly chartDigest: string;
    readonly size: number;
    readonly resolvedAnnotations: Record<string, string>;
    /** Provenance file and cosign signature, with the key fingerprints and digests they were made for. */
    readonly signatures: SignatureRecords;
    /** What `helm lint` would complain about in this chart, which Helm still packages: shown as warnings. */
    readonly chartWarnings: string[];
}

/** Properties only a push produces; unknown until the artifact is in the registry. */
export interface PushedProperties {
    readonly ref: string;
    readonly digest: string;
}

export type PublicationState = PublicationInputs & PlannedProperties & PushedProperties;

export function plannedProperties(plan: ArtifactPlan): PlannedProperties {
    return {
        name: plan.chart.metadata.name,
        version: plan.chart.metadata.version,
        tag: plan.tag,
        repositoryPath: plan.repositoryPath,
        expectedDigest: plan.manifestDigest,
        chartDigest: plan.chart.chartDigest,
        size: plan.size,
        resolvedAnnotations: plan.annotations,
        signatures: plan.signatures,
        chartWarnings: plan.chart.warnings,
    };
}

export function chartRef(loginServer: string, repositoryPath: string): string {
    return `oci://${loginServer}/${repositoryPath}`;
}

/** The repository the publication lives in; it keeps its id when the chart moves to a new version. */
export function resourceId(loginServer: string, repositoryPath: string): string {
    return `${loginServer}/${repositoryPath}`;
}
