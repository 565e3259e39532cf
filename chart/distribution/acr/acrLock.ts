import { RegistryClient } from "../client";
import { OciError } from "../errors";
import { registryErrorOf } from "../errorMessages";
import { parseJsonBody } from "../http/jsonBody";

/**
 * Version locks through Azure Container Registry's data-plane API ("Update Tag Attributes" and
 * "Update Manifest Properties", api-version 2021-07-01): PATCH /acr/v1/<repository>/_tags/<tag> and
 * PATCH /acr/v1/<repository>/_manifests/<digest> with {"writeEnabled": false|true}. A tag with
 * writeEnabled false can be neither moved nor deleted, which closes the race between two pushes of the
 * same version. Paths follow `az acr repository update` (repository unescaped); token scope
 * repository:<repository>:metadata_read,metadata_write.
 *
 * The wire format is tested against local stand-ins (test/support/acrStandIn.ts with Basic auth, and
 * scripts/local/acrRegistry.ts with Bearer tokens, which Microsoft's @azure/container-registry client is run
 * against), not against a real registry: what real ACR answers to these requests is not proven here.
 */
export const ACR_API_VERSION = "2021-07-01";

/** true: always lock; false: never; "auto": lock when the registry is an Azure Container Registry. */
export type LockMode = boolean | "auto";

const ACR_HOST = /\.azurecr\.(io|cn|us)$/;

/** Whether locks apply to this registry: "auto" means hosts ending in .azurecr.io (or the sovereign clouds' .azurecr.cn/.azurecr.us). */
export function lockApplies(mode: LockMode | undefined, registry: string): boolean {
    if (mode === true || mode === false) return mode;
    return ACR_HOST.test(registry.replace(/:\d+$/, "").toLowerCase());
}

export interface AttributeTarget {
    repository: string;
    /** a tag, or a manifest digest */
    reference: string;
}

interface AttributesAnswer {
    tag?: { digest?: string };
    manifest?: { tags?: string[] };
}

function pathOf(target: AttributeTarget): string {
    const kind = target.reference.startsWith("sha256:") ? "_manifests" : "_tags";
    return `/acr/v1/${target.repository}/${kind}/${target.reference}?api-version=${ACR_API_VERSION}`;
}

/**
 * Sets writeEnabled on a tag or manifest. Returns the registry's answer (the tag's digest, or the
 * manifest's tags); throws an OciError naming the target and the permission the identity needs.
 */
export async function setWriteEnabled(client: RegistryClient, target: AttributeTarget, writeEnabled: boolean): Promise<AttributesAnswer> {
    const { repository, reference } = target;
    const response = await client.send({
        operation: "lock",
        repository,
        actions: ["metadata_read", "metadata_write"],
        method: "PATCH",
        path: pathOf(target),
        headers: { "content-type": "application/json" },
        body: Buffer.from(JSON.stringify({ writeEnabled }), "utf8"),
        maxBodyBytes: 1024 * 1024,
    });
    if (response.status !== 200) {
        const registryError = registryErrorOf(response.body);
        const detail = registryError ? `: ${registryError.code ?? ""} ${registryError.message ?? ""}`.trimEnd() : "";
        throw new OciError(
            `lock ${client.registry}/${repository} failed: setting writeEnabled=${writeEnabled} on ${reference} returned HTTP ${response.status}${detail}. ` +
                `The identity needs permission to write repository metadata (metadata_write); or turn locking off with lockAfterPush: false.`,
            {
                operation: "lock",
                registry: client.registry,
                repository,
                status: response.status,
                code: registryError?.code ?? "LOCK_FAILED",
            },
        );
    }
    return parseJsonBody<AttributesAnswer>(response.body, `the ${reference} attributes update`, {
        operation: "lock",
        registry: client.registry,
        repository,
    });
}

/** A refusal for lack of permission (not a registry or network failure). */
function isPermissionRefusal(error: unknown): boolean {
    return (
        error instanceof OciError &&
        (error.code === "DENIED" || error.code === "UNAUTHORIZED" || error.status === 401 || error.status === 403)
    );
}

export interface VersionWritableResult {
    /** false when "auto" mode met a permission refusal and left the version as it was */
    applied: boolean;
    /** the digest the registry says the tag names, when it said */
    tagDigest?: string;
}

/**
 * Applies writeEnabled to the version's tag, then to its manifest `digest` unless the registry's answer
 * shows the tag names another manifest. In "auto" mode a permission refusal is not fatal (the push stays
 * valid, only unlocked); an explicit `true` fails instead.
 */
export async function setVersionWritable(
    client: RegistryClient,
    mode: LockMode | undefined,
    repository: string,
    tag: string,
    digest: string,
    writeEnabled: boolean,
): Promise<VersionWritableResult> {
    try {
        const tagDigest = (await setWriteEnabled(client, { repository, reference: tag }, writeEnabled)).tag?.digest;
        if (tagDigest === undefined || tagDigest === digest) {
            await setWriteEnabled(client, { repository, reference: digest }, writeEnabled);
        }
        return { applied: true, tagDigest };
    } catch (error) {
        if (mode !== true && isPermissionRefusal(error)) return { applied: false };
        throw error;
    }
}
