import type * as pulumi from "@pulumi/pulumi";
import { OciError } from "../../chart/distribution/errors";
import { ChartDownloadInputs } from "../contract/types";
import { containsUnknown, decoded, plainState } from "../wire";
import { SignatureVerificationError, SigningKeyError } from "../../chart/signing/errors";
import { ChartDriftError, ChartFetchRequest, fetchVerifiedChart } from "../../chart/verify/fetch";
import { readSignatureRequirements, refusalReason } from "../../chart/verify/signatures";
import { Props, ResourceHandler, writtenByDynamicProvider } from "../resourceHandler";

/**
 * Runs in every preview and update once the chart's ref and version are known: pulls the chart, verifies its
 * digest and keeps it where the Helm release reads it. A first preview, where the version is not known yet,
 * fetches nothing.
 */
export async function check(_olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    if (["chart", "version", "expectedDigest", "credentials", "caCert", "verify"].some((key) => containsUnknown(news[key])))
        return { inputs: news };
    const inputs: ChartDownloadInputs = decoded(news);
    try {
        const fetched = await fetchVerifiedChart({
            chart: inputs.chart,
            version: inputs.version,
            expectedDigest: optional(inputs.expectedDigest),
            credentials: inputs.credentials as ChartFetchRequest["credentials"],
            caCert: optional(inputs.caCert),
            plainHttp: inputs.plainHttp === true,
            verify: readSignatureRequirements(inputs.verify),
        });
        return { inputs: plainState({ ...news, ...fetched }) };
    } catch (error) {
        if (error instanceof ChartDriftError) return { inputs: news, failures: [{ property: "version", reason: error.message }] };
        if (error instanceof SignatureVerificationError)
            return { inputs: news, failures: [{ property: "verify", reason: refusalReason(error) }] };
        if (error instanceof SigningKeyError) return { inputs: news, failures: [{ property: "verify", reason: error.message }] };
        if (error instanceof OciError) return { inputs: news, failures: [{ property: "chart", reason: error.message }] };
        throw error;
    }
}

export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    return { changes: writtenByDynamicProvider(olds) || olds.path !== news.path || olds.digest !== news.digest };
}

export async function create(news: Props): Promise<pulumi.provider.CreateResult> {
    return { id: String(news.digest), outs: plainState(news) };
}

export async function update(_id: string, _olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    return { outs: plainState(news) };
}

function optional(value: unknown): string | undefined {
    return typeof value === "string" && value !== "" ? value : undefined;
}

export const chartDownload: ResourceHandler = {
    check,
    diff,
    create,
    update,
};
