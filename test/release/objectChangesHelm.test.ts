import * as assert from "assert";
import * as path from "path";
import { describeObjectChanges, parseManifest } from "../../components/release/objectChanges";
import { repoRoot } from "../support/paths";
import { HelmCli, installedHelm } from "../chart/oci/helmCli";

describe("describeObjectChanges on manifests rendered by Helm 3", function () {
    this.timeout(60_000);
    const chart = path.join(repoRoot, "charts/hello-acr");
    let helm: HelmCli;

    before(() => {
        helm = new HelmCli(installedHelm());
    });
    after(() => helm?.cleanup());

    const template = (...set: string[]) => helm.run(["template", "web", chart, "--namespace", "ns1", ...set.flatMap((s) => ["--set", s])]);
    const kindDocuments = (manifest: string) => manifest.match(/^kind:/gm)?.length ?? 0;

    it("parses every object helm template printed", async () => {
        const manifest = await template();
        const objects = parseManifest(manifest, "ns1");
        assert.strictEqual(objects.length, kindDocuments(manifest));
        assert.deepStrictEqual(
            objects.map((o) => `${o.apiVersion} ${o.kind} ${o.metadata.namespace}/${o.metadata.name}`),
            ["v1 ServiceAccount ns1/web-hello-acr", "v1 Service ns1/web-hello-acr", "apps/v1 Deployment ns1/web-hello-acr"],
        );
    });

    it("names the removed service account and the fields changed values change", async () => {
        const deployed = await template();
        const planned = await template(
            "replicaCount=3",
            "image.tag=1.28.0",
            "service.port=8081",
            "serviceAccount.create=false",
            "podLabels.tier=front",
            "podAnnotations.team=web",
        );
        assert.strictEqual(parseManifest(planned, "ns1").length, kindDocuments(planned));
        assert.deepStrictEqual(describeObjectChanges(parseManifest(deployed, "ns1"), parseManifest(planned, "ns1")), [
            "- v1 ServiceAccount ns1/web-hello-acr",
            "~ apps/v1 Deployment ns1/web-hello-acr: spec.replicas, spec.template.metadata.annotations, spec.template.metadata.labels.tier, " +
                "spec.template.spec.containers[0].image, spec.template.spec.serviceAccountName",
            "~ v1 Service ns1/web-hello-acr: spec.ports[0].port",
        ]);
    });

    it("gives no line when the values render the same objects", async () => {
        const deployed = parseManifest(await template(), "ns1");
        const planned = parseManifest(await template("replicaCount=1", "serviceAccount.create=true"), "ns1");
        assert.deepStrictEqual(describeObjectChanges(deployed, planned), []);
    });
});
