import { Descriptor } from "../../distribution/digest";
import { listReferrers, pushReferrer } from "../../distribution/referrers";
import { Repository } from "../../distribution/repository";
import { SignatureVerificationError } from "../errors";
import { BundleTrust, bundleRejection } from "./bundleVerification";
import { SIGSTORE_BUNDLE_MEDIA_TYPE } from "./bundleSignature";
import { COSIGN_SIGN_PREDICATE_TYPE } from "./cosignStatement";

/** Bundles larger than this are not read: a certificate chain and a DSSE envelope take a few KiB. */
const MAX_BUNDLE_BYTES = 1024 * 1024;
const MAX_BUNDLES_READ = 20;

/**
 * Attaches a bundle to the chart manifest `subject` as cosign v3 does: a referrer of artifact type
 * `application/vnd.dev.sigstore.bundle.v0.3+json` with the bundle as its one layer. `created` is the signing time
 * kept with the signature, so attaching the same bundle again makes the same referrer and writes nothing.
 */
export function pushBundleSignature(repository: Repository, subject: Descriptor, bundle: string, created: string) {
    return pushReferrer(repository, subject, {
        artifactType: SIGSTORE_BUNDLE_MEDIA_TYPE,
        layers: [{ mediaType: SIGSTORE_BUNDLE_MEDIA_TYPE, data: Buffer.from(bundle, "utf8") }],
        annotations: {
            "dev.sigstore.bundle.content": "dsse-envelope",
            "dev.sigstore.bundle.predicateType": COSIGN_SIGN_PREDICATE_TYPE,
            "org.opencontainers.image.created": created,
        },
    });
}

/**
 * What `cosign verify` (v3) checks for a Sigstore bundle referrer of `manifestDigest`: one bundle among the
 * referrers verifies by `trust` and names exactly that digest. Returns the referrer's digest; throws
 * SignatureVerificationError with each bundle's reason otherwise.
 */
export async function verifyBundleSignature(repository: Repository, manifestDigest: string, trust: BundleTrust): Promise<string> {
    const subject = `${repository.ref}@${manifestDigest}`;
    const referrers = await listReferrers(repository, manifestDigest, SIGSTORE_BUNDLE_MEDIA_TYPE);
    if (referrers.length === 0) {
        throw new SignatureVerificationError(
            "bundle",
            `Sigstore bundle of ${subject}: none found among its referrers; the chart has no bundle signature`,
        );
    }
    const reasons: string[] = [];
    for (const referrer of referrers.slice(0, MAX_BUNDLES_READ)) {
        const bundle = await readBundleLayer(repository, referrer.digest);
        const rejection = bundle === undefined ? "holds no bundle layer" : bundleRejection(bundle, manifestDigest, trust);
        if (rejection === undefined) return referrer.digest;
        reasons.push(`${referrer.digest.slice(0, 19)}…: ${rejection}`);
    }
    throw new SignatureVerificationError("bundle", `Sigstore bundle of ${subject}: ${reasons.join("; ")}`);
}

async function readBundleLayer(repository: Repository, referrerDigest: string): Promise<string | undefined> {
    const manifest = await repository.getManifest(referrerDigest, "pull", ["pull"], 64 * 1024);
    let layers: unknown;
    try {
        layers = manifest ? (JSON.parse(manifest.bytes.toString("utf8")) as { layers?: unknown }).layers : undefined;
    } catch {
        return undefined;
    }
    const layer = Array.isArray(layers)
        ? (layers as Descriptor[]).find((entry) => entry?.mediaType === SIGSTORE_BUNDLE_MEDIA_TYPE && typeof entry.size === "number")
        : undefined;
    if (!layer || layer.size > MAX_BUNDLE_BYTES) return undefined;
    return (await repository.fetchBlob(layer, "pull")).toString("utf8");
}
