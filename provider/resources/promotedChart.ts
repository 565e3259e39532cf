import type * as pulumi from "@pulumi/pulumi";
import { copyChartVersion } from "../../chart/copy/copyChartVersion";
import { openRepository } from "../../chart/distribution/connection";
import { deleteManifestIn } from "../../chart/distribution/deleteManifest";
import { OciError } from "../../chart/distribution/errors";
import { Repository } from "../../chart/distribution/repository";
import { ValidationError } from "../../chart/model/validation";
import { UNKNOWN, containsUnknown, plainState } from "../wire";
import { PromotionEndpoint, PromotionInputs, readPromotionInputs } from "../../chart/promotion/inputs";
import { migratedIfUnchanged, Props, ResourceHandler, writtenByDynamicProvider } from "../resourceHandler";

/** Where the promoted version lives: another destination is a replacement (the old copy stays, as history). */
const IDENTITY = ["destination", "chart"] as const;

/** Checks the inputs offline; the copy itself happens in create/update. */
export async function check(_olds: Props, news: Props): Promise<pulumi.provider.CheckResult> {
    if (["source", "destination", "chart", "version", "digest"].some((key) => containsUnknown(news[key]))) return { inputs: news };
    try {
        const inputs = readPromotionInputs(news);
        return { inputs: plainState({ ...news, tag: inputs.tag }) };
    } catch (error) {
        if (error instanceof ValidationError)
            return { inputs: news, failures: error.failures.map(({ property, reason }) => ({ property, reason })) };
        throw error;
    }
}

/**
 * Offline: compares with what state says the destination holds. A pinned digest the destination already has,
 * under the same version, is no change; an unpinned promotion changes only when the version does.
 */
export async function diff(_id: string, olds: Props, news: Props): Promise<pulumi.provider.DiffResult> {
    if (writtenByDynamicProvider(olds)) return { changes: true, replaces: [], deleteBeforeReplace: false };
    const replaces = IDENTITY.filter(
        (key) => news[key] === UNKNOWN || JSON.stringify(identityOf(key, olds[key])) !== JSON.stringify(identityOf(key, news[key])),
    );
    const digestChanged =
        news.digest === UNKNOWN || (typeof news.digest === "string" && news.digest !== "" && news.digest !== olds.promotedDigest);
    const changes =
        replaces.length > 0 ||
        digestChanged ||
        news.version !== olds.version ||
        Boolean(news.deleteFromRegistryOnDestroy) !== Boolean(olds.deleteFromRegistryOnDestroy);
    return { changes, replaces: [...replaces], deleteBeforeReplace: false };
}

export async function create(news: Props): Promise<pulumi.provider.CreateResult> {
    const inputs = readPromotionInputs(news);
    const outs = await promote(news, inputs);
    return { id: `${inputs.destination.loginServer}/${inputs.destination.repositoryPath}`, outs };
}

export async function update(id: string, olds: Props, news: Props): Promise<pulumi.provider.UpdateResult> {
    const migrated = await migratedIfUnchanged({ diff }, id, olds, news, ["ref", "promotedDigest", "signatures"]);
    if (migrated) return { outs: plainState(migrated) };
    return { outs: await promote(news, readPromotionInputs(news)) };
}

/** Refresh: a vanished destination tag drops the resource; one moved elsewhere is recorded, so the next up shows a change. */
export async function read(id: string, props: Props): Promise<pulumi.provider.ReadResult> {
    const inputs = readPromotionInputs(props);
    const digest = await destinationTag(inputs.destination, inputs.tag);
    if (digest === undefined) return { id: "", props: {} };
    return { id, props: plainState({ ...props, promotedDigest: digest }) };
}

/** Promoted versions stay in the destination unless deleteFromRegistryOnDestroy, and then only while the tag holds what was promoted. */
export async function remove(_id: string, props: Props): Promise<void> {
    const inputs = readPromotionInputs(props);
    if (!inputs.deleteFromRegistryOnDestroy) return;
    const digest = await destinationTag(inputs.destination, inputs.tag);
    if (digest !== undefined && digest === props.promotedDigest) {
        await deleteManifestIn(repositoryOf(inputs.destination), digest);
    }
}

async function promote(news: Props, inputs: PromotionInputs): Promise<Props> {
    const result = await copyChartVersion({
        source: repositoryOf(inputs.source),
        destination: repositoryOf(inputs.destination),
        version: inputs.version,
        digest: inputs.digest,
    });
    return plainState({
        ...news,
        tag: inputs.tag,
        ref: result.ref,
        promotedDigest: result.digest,
        signatures: result.signatures.filter((signature) => signature.outcome !== "kept").map((signature) => signature.tag),
    });
}

/** The end's chart repository, through the process's shared clients. */
function repositoryOf(end: PromotionEndpoint): Repository {
    const connection = { registry: end.loginServer, credentials: end.credentials, plainHttp: end.plainHttp, caCert: end.caCert };
    return openRepository(connection, end.repositoryPath);
}

async function destinationTag(end: PromotionEndpoint, tag: string): Promise<string | undefined> {
    const repository = repositoryOf(end);
    try {
        return await repository.operation(undefined, () => repository.headManifest(tag, "resolve", ["pull"]));
    } catch (error) {
        if (error instanceof OciError && error.status === 404) return undefined;
        throw error;
    }
}

function identityOf(key: (typeof IDENTITY)[number], value: unknown): unknown {
    if (key === "chart") return value;
    const end = (value ?? {}) as Record<string, unknown>;
    return { loginServer: String(end.loginServer ?? "").toLowerCase(), repository: end.repository ?? "helm" };
}

export const promotedChart: ResourceHandler = {
    checksOffline: true,
    check,
    diff,
    create,
    update,
    read,
    delete: remove,
};
