import * as assert from "assert";
import { describeObjectChanges, ManifestObject, parseManifest } from "../../components/release/objectChanges";

function object(apiVersion: string, kind: string, name: string, fields: Record<string, unknown> = {}): ManifestObject {
    return { apiVersion, kind, metadata: { name, namespace: "ns1" }, ...fields };
}

function deployment(fields: Record<string, unknown>, apiVersion = "apps/v1"): ManifestObject {
    return object(apiVersion, "Deployment", "web", fields);
}

describe("parseManifest", () => {
    it("reads Helm's documents, skipping empty ones and keeping fields", () => {
        const manifest = [
            "---",
            "# Source: web/templates/empty.yaml",
            "---",
            "# Source: web/templates/configmap.yaml",
            "apiVersion: v1",
            "kind: ConfigMap",
            "metadata:",
            "  name: settings",
            "data:",
            "  greeting: hello",
            "---",
            "",
            "---",
            "# Source: web/templates/deployment.yaml",
            "apiVersion: apps/v1",
            "kind: Deployment",
            "metadata: { name: web, namespace: other }",
            "spec: { replicas: 2 }",
        ].join("\n");
        assert.deepStrictEqual(parseManifest(manifest, "ns1"), [
            { apiVersion: "v1", kind: "ConfigMap", metadata: { name: "settings", namespace: "ns1" }, data: { greeting: "hello" } },
            { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "web", namespace: "other" }, spec: { replicas: 2 } },
        ]);
    });

    it("gives objects without a namespace the default one", () => {
        const [defaulted, kept] = parseManifest(
            "kind: ServiceAccount\napiVersion: v1\nmetadata:\n  name: a\n---\nkind: ServiceAccount\napiVersion: v1\nmetadata:\n  name: b\n  namespace: x\n",
            "team-a",
        );
        assert.strictEqual(defaulted.metadata.namespace, "team-a");
        assert.strictEqual(kept.metadata.namespace, "x");
    });

    it("expands a List into its items, each with the default namespace", () => {
        const manifest = [
            "apiVersion: v1",
            "kind: List",
            "items:",
            "  - { apiVersion: v1, kind: ConfigMap, metadata: { name: one } }",
            "  - { apiVersion: v1, kind: Secret, metadata: { name: two, namespace: other } }",
        ].join("\n");
        assert.deepStrictEqual(
            parseManifest(manifest, "ns1").map((o) => `${o.kind} ${o.metadata.namespace}/${o.metadata.name}`),
            ["ConfigMap ns1/one", "Secret other/two"],
        );
    });

    const notObjects: { situation: string; document: string; message: RegExp }[] = [
        { situation: "no kind", document: "apiVersion: v1\nmetadata: { name: a }", message: /manifest document 2 .*has no kind/ },
        {
            situation: "no apiVersion",
            document: "kind: ConfigMap\nmetadata: { name: a }",
            message: /manifest document 2 .*has no apiVersion/,
        },
        {
            situation: "no metadata.name",
            document: "apiVersion: v1\nkind: ConfigMap\nmetadata: {}",
            message: /document 2 .*metadata\.name/,
        },
        { situation: "a plain string", document: "just text", message: /manifest document 2 .*not a mapping/ },
        {
            situation: "a List item without name",
            document: "kind: List\napiVersion: v1\nitems: [{ kind: A, apiVersion: v1 }]",
            message: /document 2, item 1/,
        },
    ];
    for (const { situation, document, message } of notObjects) {
        it(`names the document number of a document with ${situation}`, () => {
            const manifest = `apiVersion: v1\nkind: ConfigMap\nmetadata: { name: fine }\n---\n${document}\n`;
            assert.throws(() => parseManifest(manifest, "ns1"), message);
        });
    }

    it("names the document and its source for invalid YAML without quoting the text", () => {
        const manifest =
            "---\n# Source: web/templates/ok.yaml\nkind: A\napiVersion: v1\nmetadata: { name: a }\n---\n# Source: web/templates/secret.yaml\nstringData: { password: [s3cr3t\n";
        assert.throws(
            () => parseManifest(manifest, "ns1"),
            (error: Error) =>
                /manifest document 2 \(web\/templates\/secret\.yaml\)/.test(error.message) && !error.message.includes("s3cr3t"),
        );
    });
});

describe("describeObjectChanges", () => {
    it("names added, removed and changed objects, sorted, with the changed paths", () => {
        const deployed = [
            deployment({ spec: { replicas: 1, template: { spec: { containers: [{ name: "web", image: "nginx:1.27" }] } } } }),
            object("v1", "ConfigMap", "settings", { data: { greeting: "hello", farewell: "bye" } }),
            object("v1", "ServiceAccount", "web"),
        ];
        const planned = [
            object("v1", "Service", "web", { spec: { ports: [{ port: 80 }] } }),
            object("v1", "ConfigMap", "settings", { data: { greeting: "hi", extra: { a: 1, b: 2 } } }),
            deployment({ spec: { replicas: 3, template: { spec: { containers: [{ name: "web", image: "nginx:1.28" }] } } } }),
        ];
        assert.deepStrictEqual(describeObjectChanges(deployed, planned), [
            "+ v1 Service ns1/web",
            "- v1 ServiceAccount ns1/web",
            "~ apps/v1 Deployment ns1/web: spec.replicas, spec.template.spec.containers[0].image",
            "~ v1 ConfigMap ns1/settings: data.extra, data.farewell, data.greeting",
        ]);
    });

    it("gives no line for unchanged objects", () => {
        const objects = [deployment({ spec: { replicas: 1 } }), object("v1", "ConfigMap", "settings", { data: { a: "1" } })];
        assert.deepStrictEqual(describeObjectChanges(objects, structuredClone(objects)), []);
    });

    it("treats another version of the same group as the same object", () => {
        const deployed = [deployment({ spec: { replicas: 1 } }, "apps/v1beta1")];
        assert.deepStrictEqual(describeObjectChanges(deployed, [deployment({ spec: { replicas: 1 } }, "apps/v1")]), []);
        assert.deepStrictEqual(describeObjectChanges(deployed, [deployment({ spec: { replicas: 2 } }, "apps/v1")]), [
            "~ apps/v1 Deployment ns1/web: spec.replicas",
        ]);
    });

    it("tells objects of another group, namespace or name apart", () => {
        const planned = [
            object("extensions/v1beta1", "Deployment", "web"),
            { ...object("apps/v1", "Deployment", "web"), metadata: { name: "web", namespace: "ns2" } },
            object("apps/v1", "Deployment", "api"),
        ];
        assert.deepStrictEqual(describeObjectChanges([deployment({})], planned), [
            "+ apps/v1 Deployment ns1/api",
            "+ apps/v1 Deployment ns2/web",
            "+ extensions/v1beta1 Deployment ns1/web",
            "- apps/v1 Deployment ns1/web",
        ]);
    });

    it("names a list element added or removed, and a field whose type changed, once", () => {
        const deployed = [deployment({ spec: { ports: [{ port: 80 }, { port: 443 }], selector: "a" } })];
        const planned = [deployment({ spec: { ports: [{ port: 80 }], selector: { app: "web", tier: "front" } } })];
        assert.deepStrictEqual(describeObjectChanges(deployed, planned), ["~ apps/v1 Deployment ns1/web: spec.ports[1], spec.selector"]);
    });

    it("writes keys with dots or slashes in brackets, e.g. the chart label a chart version bump changes", () => {
        const labels = (chart: string) => ({ "helm.sh/chart": chart, "app.kubernetes.io/name": "web", tier: "front" });
        const deployed = [{ ...deployment({}), metadata: { name: "web", namespace: "ns1", labels: labels("web-0.1.0") } }];
        const planned = [{ ...deployment({}), metadata: { name: "web", namespace: "ns1", labels: labels("web-0.2.0") } }];
        assert.deepStrictEqual(describeObjectChanges(deployed, planned), [
            '~ apps/v1 Deployment ns1/web: metadata.labels["helm.sh/chart"]',
        ]);
    });

    it("names a Secret's changed keys but never its values", () => {
        const secret = (password: string) =>
            object("v1", "Secret", "db", { data: { password: Buffer.from(password).toString("base64"), user: "YXBw" } });
        const oldValue = "old-pa55word";
        const newValue = "new-pa55word";
        const lines = describeObjectChanges([secret(oldValue)], [secret(newValue)]);
        const output = lines.join("\n");
        for (const value of [oldValue, newValue]) {
            assert.ok(!output.includes(value), `the output shows ${value}`);
            assert.ok(!output.includes(Buffer.from(value).toString("base64")), `the output shows ${value} in base64`);
        }
        assert.deepStrictEqual(lines, ["~ v1 Secret ns1/db: data.password"]);
    });

    it("shows at most 8 paths, then how many more", () => {
        const data = (value: string) =>
            Object.fromEntries(Array.from({ length: 11 }, (_, i) => [`key${String(i).padStart(2, "0")}`, value]));
        const lines = describeObjectChanges(
            [object("v1", "ConfigMap", "c", { data: data("a") })],
            [object("v1", "ConfigMap", "c", { data: data("b") })],
        );
        assert.deepStrictEqual(lines, [
            "~ v1 ConfigMap ns1/c: data.key00, data.key01, data.key02, data.key03, data.key04, data.key05, data.key06, data.key07, and 3 more",
        ]);
        const eight = describeObjectChanges(
            [object("v1", "ConfigMap", "c", { data: data("a") })],
            [
                object("v1", "ConfigMap", "c", {
                    data: { ...data("a"), key00: "b", key01: "b", key02: "b", key03: "b", key04: "b", key05: "b", key06: "b", key07: "b" },
                }),
            ],
        );
        assert.deepStrictEqual(eight, [
            "~ v1 ConfigMap ns1/c: data.key00, data.key01, data.key02, data.key03, data.key04, data.key05, data.key06, data.key07",
        ]);
    });
});
