import { openRepository } from "../distribution/connection";
import { deleteManifestIn } from "../distribution/deleteManifest";
import { Repository } from "../distribution/repository";
import { versionDigest } from "../helmOci/manage";
import { pushArtifact } from "../helmOci/push";
import { pushCosignSignatureIn } from "../signing/cosign/cosignRegistry";
import { pushBundleSignature } from "../signing/sigstore/bundleReferrers";
import { pushNotationEnvelope } from "../signing/notation/notationReferrer";
import type { NotationEnvelope } from "../signing/notation/notationEnvelope";
import { descriptorOf } from "../distribution/digest";
import { OCI_MANIFEST_MEDIA_TYPE } from "../distribution/mediaTypes";
import { createPublicKey } from "node:crypto";
import type { PublicationInputs } from "./inputs";
import type { ArtifactPlan } from "./plan";
import { isKeylessRecord, KeylessRecord, keylessTargetOf, sameKeylessTarget } from "../signing/signaturePlan";
import { signManifestKeyless } from "../signing/sigstore/keylessSigner";
import { certificateIdentityOf } from "../signing/sigstore/certificateIdentity";
import { rfc3339Seconds } from "../signing/signingTime";

/** The registry connection a publication's inputs describe. */
export function connectionOf(inputs: PublicationInputs) {
    return {
        registry: inputs.loginServer,
        credentials: inputs.credentials,
        plainHttp: inputs.plainHttp,
        caCert: inputs.caCert,
    };
}

/** The publication's repository in its registry, through the process's shared clients. */
function repositoryOf(inputs: PublicationInputs, repositoryPath: string): Repository {
    return openRepository(connectionOf(inputs), repositoryPath);
}

export async function pushPlan(inputs: PublicationInputs, plan: ArtifactPlan): Promise<string> {
    const repository = repositoryOf(inputs, plan.repositoryPath);
    const pushed = await pushArtifact(repository, plan.push, { allowOverwrite: inputs.allowOverwrite });
    const { cosign, bundle, notation, keyless } = plan.signatures;
    const subject = descriptorOf(OCI_MANIFEST_MEDIA_TYPE, plan.push.artifact.manifest);
    // Signatures are written after the chart, so they never name a manifest the registry does not hold.
    if (cosign && cosign.manifestDigest === pushed.digest) {
        await pushCosignSignatureIn(repository, pushed.digest, cosign, createPublicKey(cosign.publicKey));
    }
    if (bundle && bundle.manifestDigest === pushed.digest) {
        await pushBundleSignature(repository, subject, bundle.bundle, bundle.created);
    }
    if (notation && notation.manifestDigest === pushed.digest) {
        await pushNotationEnvelope(repository, subject, JSON.parse(notation.envelope) as NotationEnvelope);
    }
    if (isKeylessRecord(keyless) && keyless.manifestDigest === pushed.digest) {
        await pushBundleSignature(repository, subject, keyless.bundle, keyless.created);
    }
    return pushed.digest;
}

/**
 * The keyless signature of the pushed manifest `digest`, once pushPlan has pushed it: the plan's record (attached by
 * pushPlan), or `earlier`'s, the record in the resource's state, when it was made for the same target (an update for
 * another reason); else a new one, signed now (Fulcio, any timestamp authority, a fresh identity token) and attached.
 * Undefined without `signing.keyless`. A failure leaves the pushed chart as it is.
 */
export async function signKeyless(
    inputs: PublicationInputs,
    plan: ArtifactPlan,
    digest: string,
    earlier: unknown,
    now: () => Date = () => new Date(),
): Promise<KeylessRecord | undefined> {
    const keyless = inputs.signing?.keyless;
    if (!keyless) return undefined;
    const planned = plan.signatures.keyless;
    const target = keylessTargetOf(keyless, digest);
    if (isKeylessRecord(planned) && sameKeylessTarget(planned, target)) return planned;
    const repository = repositoryOf(inputs, plan.repositoryPath);
    const subject = descriptorOf(OCI_MANIFEST_MEDIA_TYPE, plan.push.artifact.manifest);
    if (isKeylessRecord(earlier) && sameKeylessTarget(earlier, target)) {
        await pushBundleSignature(repository, subject, earlier.bundle, earlier.created);
        return earlier;
    }
    const bundle = await signManifestKeyless(digest, {
        identityToken: keyless.identityToken,
        fulcioUrl: target.fulcioUrl,
        timestampAuthorityUrl: target.timestampAuthorityUrl,
    });
    const created = rfc3339Seconds(now());
    await pushBundleSignature(repository, subject, bundle, created);
    const identity = certificateIdentityOf(bundle);
    return { ...target, bundle, created, certificateIdentity: identity.subject, certificateIssuer: identity.issuer };
}

export function currentDigest(inputs: PublicationInputs, repositoryPath: string, version: string): Promise<string | undefined> {
    return versionDigest(repositoryOf(inputs, repositoryPath), version);
}

export async function removeManifest(inputs: PublicationInputs, repositoryPath: string, digest: string): Promise<void> {
    await deleteManifestIn(repositoryOf(inputs, repositoryPath), digest);
}
