import type { RegistryConnectionOptions } from "../../distribution/connection";
import { OciError } from "../../distribution/errors";
import { pullChart } from "../../helmOci/pull";
import { SignatureVerificationError } from "../errors";
import type { PgpSigningKey } from "./pgpKeys";
import { SignableChart, verifyProvenance } from "./provenance";

/**
 * The provenance file already published for exactly this chart archive and signed by this key, if any. Signing
 * again would change the manifest (a signature carries its creation time), so a repeated push reuses it and stays
 * a no-op.
 */
export async function publishedProvenance(
    location: RegistryConnectionOptions & { repository: string },
    chart: SignableChart & { chartDigest: string },
    signer: PgpSigningKey,
): Promise<string | undefined> {
    try {
        const published = await pullChart({ ...location, version: chart.metadata.version });
        if (published.chartDigest !== chart.chartDigest || !published.provenance) return undefined;
        const prov = published.provenance.toString("utf8");
        const verified = await verifyProvenance(prov, chart, [signer.key.toPublic()]);
        return verified.fingerprint === signer.fingerprint ? prov : undefined;
    } catch (error) {
        if (error instanceof OciError || error instanceof SignatureVerificationError) return undefined;
        throw error;
    }
}
