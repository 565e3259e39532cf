import type * as pulumi from "@pulumi/pulumi";
import { OciError } from "../../chart/distribution/errors";
import { SignatureVerificationError, SigningKeyError } from "../../chart/signing/errors";
import { readSignatureRequirements, refusalReason } from "../../chart/verify/signatures";
import { ChartLookup, resolveChart } from "../../chart/verify/resolveChart";
import type { GetChartInputs } from "../contract/types";
import { decoded } from "../wire";
import type { Props } from "../resourceHandler";

/**
 * `acr-helm:index:getChart`: a version or range in a registry resolved to version and digest, its signatures
 * verified by the rules a release's `verify` uses. Reads only, so it runs the same in preview and update.
 */
export async function getChart(given: Props): Promise<pulumi.provider.InvokeResult> {
    const inputs: GetChartInputs = decoded(given);
    try {
        const resolved = await resolveChart({
            chart: inputs.chart,
            version: inputs.version,
            credentials: inputs.credentials as ChartLookup["credentials"],
            caCert: inputs.caCert || undefined,
            plainHttp: inputs.plainHttp === true,
            verify: readSignatureRequirements(inputs.verify),
        });
        return {
            outputs: {
                chart: inputs.chart,
                version: resolved.version,
                digest: resolved.digest,
                chartDigest: resolved.chartDigest,
                ...(resolved.appVersion !== undefined ? { appVersion: resolved.appVersion } : {}),
                verified: { ...resolved.verified },
            },
        };
    } catch (error) {
        if (error instanceof SignatureVerificationError) return { failures: [{ property: "verify", reason: refusalReason(error) }] };
        if (error instanceof SigningKeyError) return { failures: [{ property: error.input, reason: error.message }] };
        if (error instanceof OciError) {
            const property = error.code === "VERSION_INVALID" || error.code === "VERSION_NOT_FOUND" ? "version" : "chart";
            return { failures: [{ property, reason: error.message }] };
        }
        throw error;
    }
}
