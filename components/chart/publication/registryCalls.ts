import { pushArtifact } from "../helmOci/push";
import { deleteManifest } from "../distribution/deleteManifest";
import { resolveTag } from "../helmOci/manage";
import { pushCosignSignature } from "../signing/cosignRegistry";
import { createPublicKey } from "node:crypto";
import type { PublicationInputs } from "./inputs";
import type { ArtifactPlan } from "./plan";

/** The registry connection a publication's inputs describe. */
export function connectionOf(inputs: PublicationInputs) {
    return {
        registry: inputs.loginServer,
        credentials: inputs.credentials,
        plainHttp: inputs.plainHttp,
        caCert: inputs.caCert,
    };
}

export async function pushPlan(inputs: PublicationInputs, plan: ArtifactPlan): Promise<string> {
    const pushed = await pushArtifact({ ...connectionOf(inputs), allowOverwrite: inputs.allowOverwrite }, plan.push);
    const cosign = plan.signatures.cosign;
    // The signature is written after the chart, so it never names a manifest the registry does not hold.
    if (cosign && cosign.manifestDigest === pushed.digest) {
        const target = { ...connectionOf(inputs), repository: plan.repositoryPath, manifestDigest: pushed.digest };
        await pushCosignSignature(target, cosign, createPublicKey(cosign.publicKey));
    }
    return pushed.digest;
}

export function currentDigest(inputs: PublicationInputs, repositoryPath: string, version: string): Promise<string | undefined> {
    return resolveTag({ ...connectionOf(inputs), repository: repositoryPath, version });
}

export async function removeManifest(inputs: PublicationInputs, repositoryPath: string, digest: string): Promise<void> {
    await deleteManifest({ ...connectionOf(inputs), repository: repositoryPath, digest });
}
