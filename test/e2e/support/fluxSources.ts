import type { FluxCluster } from "../../../scripts/local/fluxSourceController";
import { waitUntil } from "../../../scripts/local/http";
import { HELM_CHART_LAYER_MEDIA_TYPE } from "../../../chart/helmOci/mediaTypes";

export interface Condition {
    type: string;
    status: "True" | "False" | "Unknown";
    reason: string;
    message: string;
}

export interface SourceStatus {
    observedGeneration?: number;
    lastHandledReconcileAt?: string;
    conditions?: Condition[];
    artifact?: { revision: string; digest: string; url: string };
}

export interface SourceObject {
    metadata: { name: string; generation: number; resourceVersion: string; annotations?: Record<string, string> };
    spec: Record<string, unknown>;
    status?: SourceStatus;
}

/** spec.verify: keys or certificates in `secretRef`, or (cosign keyless) identities and a trusted root's Secret. */
export interface Verify {
    provider: "cosign" | "notation";
    secretRef?: { name: string };
    matchOIDCIdentity?: { issuer: string; subject: string }[];
    trustedRootSecretRef?: { name: string };
}

/** The kinds whose status reports a verification: a source of OCI artifacts, and a chart from an OCI HelmRepository. */
export type VerifyingKind = "ocirepositories" | "helmcharts";

const sources = (namespace: string, kind: VerifyingKind | "helmrepositories" = "ocirepositories") =>
    `/apis/source.toolkit.fluxcd.io/v1/namespaces/${namespace}/${kind}`;

export async function createNamespace(cluster: FluxCluster, name: string): Promise<void> {
    const body = JSON.stringify({ apiVersion: "v1", kind: "Namespace", metadata: { name } });
    const created = await cluster.apiRequest("/api/v1/namespaces", { method: "POST", body });
    if (created.status !== 201) throw new Error(`namespace ${name}: HTTP ${created.status} ${created.body}`);
}

/** A Secret of `type` with `data` (text values, base64-encoded here). */
export async function createSecret(cluster: FluxCluster, namespace: string, name: string, data: Record<string, string>, type = "Opaque") {
    const encoded = Object.fromEntries(Object.entries(data).map(([key, value]) => [key, Buffer.from(value).toString("base64")]));
    const body = JSON.stringify({ apiVersion: "v1", kind: "Secret", metadata: { name, namespace }, type, data: encoded });
    const created = await cluster.apiRequest(`/api/v1/namespaces/${namespace}/secrets`, { method: "POST", body });
    if (created.status !== 201) throw new Error(`secret ${name}: HTTP ${created.status} ${created.body}`);
}

/** A kubernetes.io/dockerconfigjson Secret: what an OCIRepository's secretRef names for registry credentials. */
export function registryAuth(cluster: FluxCluster, namespace: string, name: string, hosts: string[], username: string, password: string) {
    const auth = Buffer.from(`${username}:${password}`).toString("base64");
    const config = JSON.stringify({ auths: Object.fromEntries(hosts.map((host) => [host, { username, password, auth }])) });
    return createSecret(cluster, namespace, name, { ".dockerconfigjson": config }, "kubernetes.io/dockerconfigjson");
}

/**
 * An OCIRepository over plain HTTP that keeps only the Helm chart layer, as is (`operation: copy`), and verifies the
 * artifact's signature with `verify`.
 */
export async function createOciRepository(
    cluster: FluxCluster,
    namespace: string,
    name: string,
    spec: { url: string; ref: { tag: string } | { digest: string }; secretRef: string; verify: Verify },
): Promise<void> {
    const body = JSON.stringify({
        apiVersion: "source.toolkit.fluxcd.io/v1",
        kind: "OCIRepository",
        metadata: { name, namespace },
        spec: {
            url: spec.url,
            ref: spec.ref,
            insecure: true,
            interval: "10m",
            timeout: "60s",
            secretRef: { name: spec.secretRef },
            layerSelector: { mediaType: HELM_CHART_LAYER_MEDIA_TYPE, operation: "copy" },
            verify: spec.verify,
        },
    });
    const created = await cluster.apiRequest(sources(namespace), { method: "POST", body });
    if (created.status !== 201) throw new Error(`OCIRepository ${name}: HTTP ${created.status} ${created.body}`);
}

/**
 * The other way Flux consumes a chart: a HelmRepository of type oci over `<registry>/<namespace>` (both named `name`)
 * and a HelmChart of it at `version`, whose spec.verify checks the chart's signature before it is stored.
 */
export async function createHelmChart(
    cluster: FluxCluster,
    namespace: string,
    name: string,
    spec: { url: string; version: string; secretRef: string; verify: Verify },
): Promise<void> {
    const metadata = { name, namespace };
    const repository = { type: "oci", url: spec.url, insecure: true, interval: "10m", secretRef: { name: spec.secretRef } };
    const chart = {
        chart: "hello-acr",
        version: spec.version,
        sourceRef: { kind: "HelmRepository", name },
        interval: "10m",
        verify: spec.verify,
    };
    for (const [kind, plural, body] of [
        ["HelmRepository", "helmrepositories", repository],
        ["HelmChart", "helmcharts", chart],
    ] as const) {
        const object = JSON.stringify({ apiVersion: "source.toolkit.fluxcd.io/v1", kind, metadata, spec: body });
        const created = await cluster.apiRequest(sources(namespace, plural), { method: "POST", body: object });
        if (created.status !== 201) throw new Error(`${kind} ${name}: HTTP ${created.status} ${created.body}`);
    }
}

export async function getSource(
    cluster: FluxCluster,
    namespace: string,
    name: string,
    kind: VerifyingKind = "ocirepositories",
): Promise<SourceObject> {
    const found = await cluster.apiRequest(`${sources(namespace, kind)}/${name}`);
    if (found.status !== 200) throw new Error(`${kind} ${name}: HTTP ${found.status} ${found.body}`);
    return JSON.parse(found.body) as SourceObject;
}

/** Asks for a reconciliation now, as `flux reconcile source oci` does: the requestedAt annotation. Returns its value. */
export async function requestReconcile(cluster: FluxCluster, namespace: string, name: string): Promise<string> {
    const token = new Date().toISOString();
    const object = await getSource(cluster, namespace, name);
    object.metadata.annotations = { ...object.metadata.annotations, "reconcile.fluxcd.io/requestedAt": token };
    const updated = await cluster.apiRequest(`${sources(namespace)}/${name}`, { method: "PUT", body: JSON.stringify(object) });
    if (updated.status !== 200) throw new Error(`OCIRepository ${name}: HTTP ${updated.status} ${updated.body}`);
    return token;
}

export const condition = (status: SourceStatus, type: string) => status.conditions?.find((c) => c.type === type);

/**
 * The status once the controller has decided about the signature: SourceVerified and Ready False (a verification
 * error; the controller then retries with a back-off and leaves observedGeneration behind), or True with Ready True for the
 * current generation. `reverified` waits for a decision other than a True already there (after a re-push).
 */
export async function verificationOutcome(
    cluster: FluxCluster,
    namespace: string,
    name: string,
    options: { reverified?: boolean; kind?: VerifyingKind } = {},
) {
    let status: SourceStatus = {};
    const decided = async () => {
        const object = await getSource(cluster, namespace, name, options.kind);
        status = object.status ?? {};
        const verified = condition(status, "SourceVerified");
        // A HelmChart reports the failed verification before it summarizes Ready: wait for both.
        if (verified?.status === "False") return condition(status, "Ready")?.status === "False";
        const current = status.observedGeneration === object.metadata.generation && condition(status, "Ready")?.status === "True";
        return !options.reverified && verified?.status === "True" && current;
    };
    try {
        await waitUntil(`${options.kind ?? "ocirepositories"} ${name}: signature verified or refused`, decided, 60_000);
    } catch (error) {
        throw new Error(`${(error as Error).message}; last status: ${JSON.stringify(status)}`, { cause: error });
    }
    return status;
}
