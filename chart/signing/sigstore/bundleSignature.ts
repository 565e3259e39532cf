import { bundleFromJSON, bundleToJSON } from "@sigstore/bundle";
import { DSSEBundleBuilder, Signer, Witness } from "@sigstore/sign";
import { cosignSignStatement, IN_TOTO_PAYLOAD_TYPE } from "./cosignStatement";

/** The media type of a Sigstore bundle v0.3, also the artifact type of its referrer manifest. */
export const SIGSTORE_BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";

/**
 * A Sigstore bundle v0.3 signing a manifest digest as `cosign sign` does: a DSSE envelope over the cosign in-toto
 * statement. No transparency log is asked; a timestamp authority only when given as a witness (keyless signing):
 * otherwise the bundle carries the signature and its key hint or certificate only.
 */
export async function signManifestBundle(manifestDigest: string, signer: Signer, witnesses: Witness[] = []): Promise<string> {
    const builder = new DSSEBundleBuilder({ signer, witnesses });
    const bundle = await builder.create({ data: cosignSignStatement(manifestDigest), type: IN_TOTO_PAYLOAD_TYPE });
    return JSON.stringify(bundleToJSON(bundle));
}

/** A bundle read back from JSON text: throws for anything that is not a well-formed bundle. */
export function readBundle(json: string) {
    return bundleFromJSON(JSON.parse(json) as unknown);
}
