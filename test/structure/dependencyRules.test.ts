import * as assert from "assert";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { importClosure, importsOf, packagesOf, repoPath, sourceFiles } from "./sourceGraph";

/**
 * The library's folders from the bottom up: a folder imports only folders of a lower rank (or itself).
 * Two chains share rank numbers without importing each other: model ← load ← packaging, and the generic
 * OCI client under everything chart-aware.
 */
const CHART_RANKS: Record<string, number> = {
    "packageRoot.ts": 0,
    model: 0,
    distribution: 0,
    load: 1,
    packaging: 2,
    helmOci: 3,
    signing: 4,
    copy: 5,
    verify: 5,
    catalog: 5,
    publication: 6,
    promotion: 7,
};

const chartDir = path.join(repoRoot, "chart");
/** The library's folder (or root file) a file belongs to; undefined outside the library. */
function chartFolder(file: string): string | undefined {
    const inside = path.relative(chartDir, file);
    return inside.startsWith("..") ? undefined : inside.split(path.sep)[0];
}

function violations(files: string[], refused: (file: string, target: string) => boolean): string[] {
    return files.flatMap((file) =>
        importsOf(file)
            .filter((target) => refused(file, target))
            .map((target) => `${repoPath(file)} imports ${repoPath(target)}`),
    );
}

const under = (dir: string) => (file: string) => file.startsWith(path.join(repoRoot, dir) + path.sep);

describe("dependency rules", () => {
    const chartFiles = sourceFiles(chartDir);

    it("keeps the chart library free of Pulumi, the components, the plugin and the CLI", () => {
        assert.ok(chartFiles.length > 80, `found only ${chartFiles.length} library files`);
        const pulumi = chartFiles.filter((file) => packagesOf(file).some((name) => name.startsWith("@pulumi/"))).map(repoPath);
        assert.deepStrictEqual(pulumi, [], "library files importing @pulumi/*");
        assert.deepStrictEqual(
            violations(chartFiles, (_, target) => chartFolder(target) === undefined),
            [],
        );
    });

    it("lets each library folder import only the folders below it", () => {
        const unranked = [...new Set(chartFiles.map(chartFolder))].filter((folder) => folder !== "index.ts" && !(folder! in CHART_RANKS));
        assert.deepStrictEqual(unranked, [], "library folders without a rank: add them to CHART_RANKS");
        const upward = violations(chartFiles, (file, target) => {
            const [from, to] = [chartFolder(file)!, chartFolder(target)!];
            return from !== "index.ts" && from !== to && !(CHART_RANKS[to] < CHART_RANKS[from]);
        });
        assert.deepStrictEqual(upward, []);
    });

    it("keeps the CLI, and everything it loads, free of Pulumi", () => {
        const entry = path.join(repoRoot, "bin", "acr-helm.ts");
        const loaded = importClosure(entry);
        assert.ok(loaded.some(under("cli")) && loaded.some(under("chart")), "the closure follows the CLI into the library");
        const pulumi = loaded.filter((file) => packagesOf(file).some((name) => name.startsWith("@pulumi/"))).map(repoPath);
        assert.deepStrictEqual(pulumi, []);
    });

    it("lets nothing outside the plugin import the plugin", () => {
        const roots = ["chart", "components", "cli", "bin", "sdk/nodejs", "examples", "stacks"];
        const files = roots.flatMap((dir) => sourceFiles(path.join(repoRoot, dir)));
        assert.deepStrictEqual(
            violations(files, (_, target) => under("provider")(target)),
            [],
        );
    });

    it("keeps the plugin's resource files apart: they share helpers, never each other", () => {
        const resources = path.join(repoRoot, "provider", "resources");
        const handlers = importsOf(path.join(repoRoot, "provider", "resourceTable.ts")).filter(under("provider/resources"));
        assert.ok(handlers.length >= 4, `the resource table names ${handlers.length} resource files`);
        assert.deepStrictEqual(
            violations(sourceFiles(resources), (_, target) => handlers.includes(target)),
            [],
        );
    });
});
