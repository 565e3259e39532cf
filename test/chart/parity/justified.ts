/** A verdict on which our packaging and one Helm major knowingly differ, with the reason. */
export interface JustifiedDisagreement {
    /** corpus ids (exact) this applies to */
    ids: readonly string[];
    helm: "helm3" | "helm4";
    reason: string;
}

/**
 * Helm 3 packages a chart whatever its apiVersion says (it only requires the field), but Helm 4 refuses
 * anything but v1 and v2 ("invalid chart apiVersion"), and Helm 4 cannot install what Helm 3 packaged.
 * We follow Helm 4: a chart that the current Helm cannot read is not published.
 */
const apiVersionOtherThanV1OrV2 =
    "apiVersion other than v1/v2: Helm 3 packages it, Helm 4 refuses it and cannot load the archive; we refuse it as Helm 4 does.";

export const justifiedDisagreements: readonly JustifiedDisagreement[] = [
    {
        ids: ["edge/unknown-api-version", "helm.sh/helm/v4@v4.3.1/internal/chart/v3/lint/rules/testdata/goodone"],
        helm: "helm3",
        reason: apiVersionOtherThanV1OrV2,
    },
];

export function justification(id: string, helm: "helm3" | "helm4"): string | undefined {
    return justifiedDisagreements.find((j) => j.helm === helm && j.ids.includes(id))?.reason;
}

/** Output that Helm renders differently on every run, masked before our archive's output is compared with Helm's. */
export interface NondeterministicOutput {
    id: string;
    pattern: RegExp;
    reason: string;
}

export const nondeterministicOutputs: readonly NondeterministicOutput[] = [
    {
        id: "github.com/fluxcd/flagger@v1.36.1/charts/podinfo",
        pattern: /-jwt-test-[a-z0-9]{5}/g,
        reason: "templates/tests/jwt.yaml names its test pod with randAlphaNum 5",
    },
];

export function masked(id: string, output: string): string {
    return nondeterministicOutputs.filter((n) => n.id === id).reduce((text, n) => text.replace(n.pattern, ""), output);
}
