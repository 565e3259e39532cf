import { Descriptor, descriptorOf } from "./digest";
import { OciError } from "./errors";
import { parseJsonBody } from "./http/jsonBody";
import { header } from "./http/transport";
import { readLinkedPages } from "./linkPages";
import { OCI_INDEX_MEDIA_TYPE, OCI_MANIFEST_MEDIA_TYPE } from "./mediaTypes";
import { ReferrerDescriptor, referrerDescriptors, referrersIndex, referrersTag } from "./referrerIndex";
import { Repository } from "./repository";

/** The OCI empty descriptor's content: the config of an artifact that has none. */
export const EMPTY_CONFIG = { mediaType: "application/vnd.oci.empty.v1+json", data: Buffer.from("{}") };

/** An artifact about another manifest (a signature, an attestation): what its referrer manifest holds. */
export interface ReferrerArtifact {
    readonly artifactType: string;
    readonly layers: readonly { mediaType: string; data: Buffer; annotations?: Record<string, string> }[];
    readonly annotations?: Record<string, string>;
}

/** How a registry lists referrers: its Referrers API, or the OCI tag schema's `sha256-<hex>` index. */
export type ReferrersSource = "api" | "tag";

const MAX_INDEX_BYTES = 4 * 1024 * 1024;
const MAX_REFERRER_PAGES = 100;
/**
 * Read-after-write rounds of the fallback index: a concurrent writer's index may replace ours, so each round waits a
 * random, growing pause before reading again (writers in step would otherwise keep replacing each other).
 */
const INDEX_WRITE_ROUNDS = 8;
const FIRST_PAUSE_MS = 20;

/** The referrer manifest of `artifact` about `subject`: bytes as they are pushed, and its descriptor. */
export function referrerManifest(subject: Descriptor, artifact: ReferrerArtifact): { bytes: Buffer; descriptor: ReferrerDescriptor } {
    const config = descriptorOf(EMPTY_CONFIG.mediaType, EMPTY_CONFIG.data);
    const layers = artifact.layers.map((layer) => ({
        ...descriptorOf(layer.mediaType, layer.data),
        ...(layer.annotations ? { annotations: layer.annotations } : {}),
    }));
    const manifest = {
        schemaVersion: 2,
        mediaType: OCI_MANIFEST_MEDIA_TYPE,
        artifactType: artifact.artifactType,
        config,
        layers,
        subject: { mediaType: subject.mediaType, digest: subject.digest, size: subject.size },
        ...(artifact.annotations ? { annotations: artifact.annotations } : {}),
    };
    const bytes = Buffer.from(JSON.stringify(manifest));
    const descriptor: ReferrerDescriptor = { ...descriptorOf(OCI_MANIFEST_MEDIA_TYPE, bytes), artifactType: artifact.artifactType };
    if (artifact.annotations) descriptor.annotations = artifact.annotations;
    return { bytes, descriptor };
}

/**
 * Attaches `artifact` to `subject` as an OCI 1.1 referrer. On a registry with the Referrers API (ACR) the registry
 * indexes it; otherwise the `sha256-<hex>` index tag gets it added, keeping every referrer already listed there.
 * Nothing is written when the referrer is already there and listed.
 */
export async function pushReferrer(
    repository: Repository,
    subject: Descriptor,
    artifact: ReferrerArtifact,
): Promise<{ digest: string; pushed: boolean }> {
    const { bytes, descriptor } = referrerManifest(subject, artifact);
    const present = (await repository.headManifest(descriptor.digest, "push", ["pull", "push"])) !== undefined;
    let indexedByRegistry = false;
    if (!present) {
        await repository.ensureBlob(descriptorOf(EMPTY_CONFIG.mediaType, EMPTY_CONFIG.data), EMPTY_CONFIG.data);
        for (const layer of artifact.layers) await repository.ensureBlob(descriptorOf(layer.mediaType, layer.data), layer.data);
        const response = await repository.putManifest(descriptor.digest, bytes, OCI_MANIFEST_MEDIA_TYPE, "push");
        if (response.status !== 201)
            throw failed(repository, `PUT referrer manifest ${descriptor.digest} returned HTTP ${response.status}`, response.status);
        indexedByRegistry = header(response, "oci-subject") === subject.digest;
    }
    if (!indexedByRegistry) await ensureListed(repository, subject.digest, descriptor);
    return { digest: descriptor.digest, pushed: !present };
}

/** The referrers of `subjectDigest`, optionally of one artifact type, from the Referrers API or the fallback tag. */
export async function listReferrers(repository: Repository, subjectDigest: string, artifactType?: string): Promise<ReferrerDescriptor[]> {
    const listing = await readReferrers(repository, subjectDigest, artifactType);
    return artifactType ? listing.referrers.filter((referrer) => referrer.artifactType === artifactType) : listing.referrers;
}

async function ensureListed(repository: Repository, subjectDigest: string, descriptor: ReferrerDescriptor): Promise<void> {
    let wroteAt: number | undefined;
    let writeMs = 0;
    for (let round = 0; round < INDEX_WRITE_ROUNDS; round++) {
        if (round > 0) await pause(FIRST_PAUSE_MS * 2 ** (round - 1) * (0.5 + Math.random()));
        const listing = await readReferrers(repository, subjectDigest);
        // A registry with the API indexes what it stores (ACR): nothing to write.
        if (listing.source === "api") return;
        if (listing.referrers.some((referrer) => referrer.digest === descriptor.digest)) {
            if (wroteAt === undefined) return;
            // A writer that read the index before our write may still replace it: look once more after as long
            // again as a write takes, before trusting our entry to stay.
            await pause(Math.max(2 * FIRST_PAUSE_MS, 3 * writeMs));
            if ((await readReferrers(repository, subjectDigest)).referrers.some((referrer) => referrer.digest === descriptor.digest))
                return;
            continue;
        }
        const index = referrersIndex([...listing.referrers, descriptor]);
        const started = Date.now();
        const response = await repository.putManifest(referrersTag(subjectDigest), index, OCI_INDEX_MEDIA_TYPE, "push");
        if (response.status !== 201) {
            throw failed(
                repository,
                `PUT referrers index ${referrersTag(subjectDigest)} returned HTTP ${response.status}`,
                response.status,
            );
        }
        wroteAt = Date.now();
        writeMs = Math.max(writeMs, wroteAt - started);
    }
    throw failed(repository, `the referrers index ${referrersTag(subjectDigest)} kept losing ${descriptor.digest} to concurrent writers`);
}

async function readReferrers(
    repository: Repository,
    subjectDigest: string,
    artifactType?: string,
): Promise<{ source: ReferrersSource; referrers: ReferrerDescriptor[] }> {
    const fromApi = await readReferrersApi(repository, subjectDigest, artifactType);
    if (fromApi) return { source: "api", referrers: fromApi };
    const found = await repository.getManifest(referrersTag(subjectDigest), "pull", ["pull"], MAX_INDEX_BYTES);
    return { source: "tag", referrers: found ? referrerDescriptors(parseIndex(repository, found.bytes)) : [] };
}

/** The Referrers API's listing, all pages; undefined when the registry does not serve the API (404, 405). */
async function readReferrersApi(
    repository: Repository,
    subjectDigest: string,
    artifactType?: string,
): Promise<ReferrerDescriptor[] | undefined> {
    const entries = await readLinkedPages(repository.client, {
        operation: "pull",
        repository: repository.name,
        first: repository.referrersPath(subjectDigest, artifactType),
        maxPages: MAX_REFERRER_PAGES,
        read: async (path) => {
            const response = await repository.send({
                operation: "pull",
                actions: ["pull"],
                method: "GET",
                path,
                headers: { accept: OCI_INDEX_MEDIA_TYPE },
                maxBodyBytes: MAX_INDEX_BYTES,
            });
            if (response.status === 404 || response.status === 405) return undefined;
            if (response.status !== 200)
                throw failed(repository, `GET referrers of ${subjectDigest} returned HTTP ${response.status}`, response.status);
            const page = referrerDescriptors(parseIndex(repository, response.body));
            return { entries: page.map((descriptor) => JSON.stringify(descriptor)), link: header(response, "link") };
        },
    });
    return entries && referrerDescriptors({ manifests: entries.map((entry) => JSON.parse(entry) as unknown) });
}

function pause(ms: number): Promise<void> {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function parseIndex(repository: Repository, body: Buffer): unknown {
    return parseJsonBody<unknown>(body, "a referrers index", {
        operation: "pull",
        registry: repository.registry,
        repository: repository.name,
    });
}

function failed(repository: Repository, what: string, status?: number): OciError {
    return new OciError(`push ${repository.ref} failed: ${what}.`, {
        operation: "push",
        registry: repository.registry,
        repository: repository.name,
        status,
    });
}
