import * as path from "path";
import { packageChart } from "../../../chart/packaging/package";
import { fixtureChart, writeFiles } from "../package/support";
import { CorpusChart } from "./corpus";

type Files = Record<string, string | Buffer>;

const configmap =
    "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-{{ .Chart.Name }}\ndata:\n  version: {{ .Chart.Version | quote }}\n  app: {{ .Chart.AppVersion | quote }}\n";

function chart(chartYaml: string, extra: Files = {}): Files {
    return { "Chart.yaml": chartYaml, "values.yaml": "replicas: 1\n", "templates/configmap.yaml": configmap, ...extra };
}

function sub(name: string, version = "0.1.0"): Files {
    return {
        [`charts/${name}/Chart.yaml`]: `apiVersion: v2\nname: ${name}\nversion: ${version}\n`,
        [`charts/${name}/templates/cm.yaml`]: `apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: {{ .Release.Name }}-${name}\n`,
    };
}

const withDeps = (deps: string, apiVersion = "v2") => `apiVersion: ${apiVersion}\nname: parent\nversion: 0.1.0\ndependencies:\n${deps}`;

/**
 * Charts written for the cases where Helm's verdict is easy to get wrong: what Helm packages although
 * `helm lint` complains, and what it refuses. Each is a small chart with one twist.
 */
const edgeCases: Record<string, () => Promise<Files> | Files> = {
    "leading-v-version": () => chart("apiVersion: v2\nname: vchart\nversion: v0.1.0\nappVersion: v1.2.3\n"),
    "partial-version": () => chart('apiVersion: v2\nname: partial\nversion: "1.2"\n'),
    "numeric-version": () => chart("apiVersion: v2\nname: numeric\nversion: 1.0\n"),
    "numeric-app-version": () => chart("apiVersion: v2\nname: numapp\nversion: 0.1.0\nappVersion: 1.10\n"),
    "non-string-annotations": () =>
        chart("apiVersion: v2\nname: annotated\nversion: 0.1.0\nannotations:\n  artifacthub.io/prerelease: false\n  replicas: 3\n"),
    "maintainer-without-name": () => chart("apiVersion: v2\nname: maint\nversion: 0.1.0\nmaintainers:\n  - email: team@example.com\n"),
    "no-api-version": () => chart("name: legacy\nversion: 0.1.0\n"),
    "v1-with-type": () => chart("apiVersion: v1\nname: v1type\nversion: 0.1.0\ntype: application\n"),
    "v1-with-dependencies": () => chart(withDeps("  - name: child\n    version: 0.1.0\n", "v1"), sub("child")),
    "v1-requirements-missing-dep": () =>
        chart("apiVersion: v1\nname: v1req\nversion: 0.1.0\n", {
            "requirements.yaml": "dependencies:\n  - name: absent\n    version: 0.1.0\n",
        }),
    "unknown-api-version": () => chart("apiVersion: v3\nname: apiv3\nversion: 0.1.0\n"),
    "missing-dependency": () => chart(withDeps("  - name: alpine\n    version: 0.1.0\n    repository: https://charts.example.com\n")),
    "two-missing-dependencies": () =>
        chart(withDeps("  - name: alpine\n    version: 0.1.0\n  - name: redis\n    version: 1.0.0\n"), sub("present")),
    "missing-disabled-dependency": () =>
        chart(withDeps("  - name: alpine\n    version: 0.1.0\n    condition: alpine.enabled\n    enabled: false\n")),
    "aliased-dependency-present": () =>
        chart(
            withDeps("  - name: child\n    alias: first\n    version: 0.1.0\n  - name: child\n    alias: second\n    version: 0.1.0\n"),
            sub("child"),
        ),
    "dependency-in-wrong-directory-name": () => chart(withDeps("  - name: child\n    version: 0.1.0\n"), sub("other")),
    "dependency-as-tgz": async () => {
        const packed = await packageChart(fixtureChart("library-chart"));
        return chart(withDeps(`  - name: ${packed.metadata.name}\n    version: ${packed.metadata.version}\n`), {
            [`charts/${packed.fileName}`]: packed.archive,
        });
    },
    "subchart-missing-its-dependency": () =>
        chart(withDeps("  - name: child\n    version: 0.1.0\n"), {
            ...sub("child"),
            "charts/child/Chart.yaml":
                "apiVersion: v2\nname: child\nversion: 0.1.0\ndependencies:\n  - name: grandchild\n    version: 0.1.0\n",
        }),
    "bad-alias": () => chart(withDeps("  - name: child\n    alias: my.child\n    version: 0.1.0\n"), sub("child")),
    "duplicate-dependency": () =>
        chart(withDeps("  - name: child\n    version: 0.1.0\n  - name: child\n    version: 0.1.0\n"), sub("child")),
    "invalid-version": () => chart("apiVersion: v2\nname: badver\nversion: 1.2.3.4\n"),
    "prerelease-leading-zero": () => chart("apiVersion: v2\nname: prezero\nversion: 1.0.0-01\n"),
    "invalid-type": () => chart("apiVersion: v2\nname: badtype\nversion: 0.1.0\ntype: plugin\n"),
    "missing-name": () => chart("apiVersion: v2\nversion: 0.1.0\n"),
    "upper-case-name": () => chart("apiVersion: v2\nname: MyChart\nversion: 0.1.0\n"),
    "invalid-values-yaml": () => ({ ...chart("apiVersion: v2\nname: badvalues\nversion: 0.1.0\n"), "values.yaml": "a: [1, 2\n" }),
    "values-duplicate-keys": () => ({
        ...chart("apiVersion: v2\nname: dupvalues\nversion: 0.1.0\n"),
        "values.yaml": "replicas: 1\nreplicas: 2\n",
    }),
    "values-several-documents": () => ({
        ...chart("apiVersion: v2\nname: multidoc\nversion: 0.1.0\n"),
        "values.yaml": "replicas: 1\n---\ncolor: blue\n",
    }),
    "invalid-values-schema": () => chart("apiVersion: v2\nname: badschema\nversion: 0.1.0\n", { "values.schema.json": "{ not json" }),
    "non-chart-file-in-charts": () => chart("apiVersion: v2\nname: strayfile\nversion: 0.1.0\n", { "charts/README.md": "not a chart\n" }),
};

/** Writes every edge-case chart under `root`; ids start with "edge/". */
export async function writeEdgeCharts(root: string): Promise<CorpusChart[]> {
    const charts: CorpusChart[] = [];
    for (const [name, make] of Object.entries(edgeCases)) {
        const dir = path.join(root, name);
        writeFiles(dir, await make());
        charts.push({ id: `edge/${name}`, dir });
    }
    return charts;
}
