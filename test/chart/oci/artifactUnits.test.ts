import * as assert from "assert";
import type { ChartMetadata } from "../../../chart/model/chartfile";
import { chartConfigJson } from "../../../chart/helmOci/chartConfig";
import { goJsonValue } from "../../../chart/helmOci/goJson";
import { buildHelmArtifact, chartAnnotations } from "../../../chart/helmOci/manifest";
import { makeChart } from "./chartFixtures";

describe("Helm artifact encoding", () => {
    it("writes the config in Helm's field order with omitempty and Go escaping", () => {
        const metadata: ChartMetadata = {
            apiVersion: "v2",
            name: "app",
            version: "1.0.0",
            description: "a <b> & c",
            appVersion: "2",
            type: "application",
            home: "https://h",
            sources: ["https://s"],
            keywords: ["k"],
            maintainers: [{ name: "M", email: "m@x" }],
            annotations: { z: "1", a: "2" },
            kubeVersion: ">=1.20",
            deprecated: true,
            dependencies: [{ name: "dep", version: "1.x", enabled: false, "import-values": [{ child: "c", parent: "p" }] }],
        };
        assert.strictEqual(
            chartConfigJson(metadata).toString(),
            '{"name":"app","home":"https://h","sources":["https://s"],"version":"1.0.0","description":"a \\u003cb\\u003e \\u0026 c",' +
                '"keywords":["k"],"maintainers":[{"name":"M","email":"m@x"}],"apiVersion":"v2","appVersion":"2","deprecated":true,' +
                '"annotations":{"a":"2","z":"1"},"kubeVersion":"\\u003e=1.20","dependencies":[{"name":"dep","version":"1.x","repository":"",' +
                '"import-values":[{"child":"c","parent":"p"}]}],"type":"application"}',
        );
        assert.strictEqual(goJsonValue({ b: ["\u2028"], a: null }), '{"a":null,"b":["\\u2028"]}');
    });

    it("merges annotations: generated, then Chart.yaml, then caller; title and version always from the chart", () => {
        const metadata: ChartMetadata = {
            apiVersion: "v2",
            name: "app",
            version: "1.0.0",
            description: "  ",
            home: "https://h",
            sources: ["s1", "s2"],
            maintainers: [{ name: "Ada", email: "ada@x" }, { name: "Bob" }],
            annotations: { "org.opencontainers.image.url": "https://override", "org.opencontainers.image.version": "9.9.9", team: "a" },
        };
        assert.deepStrictEqual(
            chartAnnotations(metadata, {
                team: "b",
                "org.opencontainers.image.title": "evil",
                "org.opencontainers.image.created": "2024-01-01T00:00:00Z",
            }),
            {
                "org.opencontainers.image.title": "app",
                "org.opencontainers.image.version": "1.0.0",
                "org.opencontainers.image.url": "https://override",
                "org.opencontainers.image.source": "s1",
                "org.opencontainers.image.authors": "Ada (ada@x), Bob",
                "org.opencontainers.image.created": "2024-01-01T00:00:00Z",
                team: "b",
            },
        );
    });

    it("gives the same manifest digest for the same chart and annotations, and a different one when they change", async () => {
        const first = buildHelmArtifact(await makeChart("det", "1.0.0"), { a: "1" });
        const second = buildHelmArtifact(await makeChart("det", "1.0.0"), { a: "1" });
        assert.ok(first.manifest.equals(second.manifest));
        assert.strictEqual(first.manifestDigest, second.manifestDigest);
        assert.notStrictEqual(buildHelmArtifact(await makeChart("det", "1.0.0"), { a: "2" }).manifestDigest, first.manifestDigest);
        const manifest = JSON.parse(first.manifest.toString()) as {
            mediaType?: string;
            layers: { mediaType: string }[];
            annotations: object;
        };
        assert.strictEqual(manifest.mediaType, undefined);
        assert.deepStrictEqual(
            manifest.layers.map((l) => l.mediaType),
            ["application/vnd.cncf.helm.chart.content.v1.tar+gzip"],
        );
        assert.ok(!first.manifest.toString().endsWith("\n"));
    });
});
