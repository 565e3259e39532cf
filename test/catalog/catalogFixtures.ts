import { pushChart } from "../../chart/helmOci/push";
import { RawRegistryClient } from "../support/rawRegistry";
import { makeChart } from "../chart/oci/chartFixtures";

export interface Login {
    username: string;
    password: string;
}

/** Publishes chart `name` at each version under `namespace`, through the package's own push. */
export async function publishVersions(
    registry: string,
    login: Login,
    namespace: string,
    name: string,
    versions: string[],
    extraChartYaml = "",
): Promise<void> {
    for (const version of versions) {
        await pushChart({
            registry,
            credentials: login,
            plainHttp: true,
            chart: await makeChart(name, version, extraChartYaml),
            repository: `${namespace}/${name}`,
        });
    }
}

/** A container image (OCI image config and one layer), as `docker push` would leave it: not a chart. */
export async function pushImage(registry: string, login: Login, repository: string, tags: string[]): Promise<string> {
    const raw = new RawRegistryClient(registry, login.username, login.password);
    const config = await raw.putBlob(
        repository,
        Buffer.from(JSON.stringify({ architecture: "amd64", os: "linux", rootfs: { type: "layers", diff_ids: [] } })),
    );
    const layer = await raw.putBlob(repository, Buffer.from("not a chart layer"));
    const manifest = {
        schemaVersion: 2,
        mediaType: "application/vnd.oci.image.manifest.v1+json",
        config: { mediaType: "application/vnd.oci.image.config.v1+json", ...config },
        layers: [{ mediaType: "application/vnd.oci.image.layer.v1.tar+gzip", ...layer }],
    };
    let digest = "";
    for (const tag of tags) digest = await raw.putManifest(repository, tag, manifest);
    return digest;
}
