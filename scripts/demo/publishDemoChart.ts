import { chartArtifactProvider } from "../../components/chart/provider";
import type { RegistryCredentials } from "../../components/chart/oci/credentials";

export interface DemoPublication {
    readonly ref: string;
    readonly version: string;
    readonly digest: string;
    /** Whether publishing the same chart again would change anything. */
    readonly republishChanges: boolean;
}

/**
 * Publishes a chart through the provider a ChartPublication resource runs: `check` (local packaging and
 * digest, as in preview), `create` (the push), then `check` + `diff` again for an unchanged chart.
 */
export async function publishDemoChart(chartPath: string, loginServer: string, credentials: RegistryCredentials): Promise<DemoPublication> {
    const inputs = { chartPath, loginServer, repository: "helm", credentials, plainHttp: true, provenance: false };
    const planned = await chartArtifactProvider.check!({}, inputs);
    if (planned.failures?.length) throw new Error(planned.failures.map((f) => `${f.property}: ${f.reason}`).join("; "));
    const created = await chartArtifactProvider.create!(planned.inputs);
    const again = await chartArtifactProvider.check!(created.outs, inputs);
    const diff = await chartArtifactProvider.diff!(created.id, created.outs, again.inputs);
    return { ref: created.outs.ref, version: created.outs.version, digest: created.outs.digest, republishChanges: diff.changes !== false };
}
