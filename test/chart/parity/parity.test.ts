import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packageChart } from "../../../chart/packaging/package";
import { PARITY_SUITE_LIMIT_MINUTES, suiteDeadline } from "../../support/suiteDeadline";
import { requireTool } from "../../support/tools";
import { CorpusChart, moduleCharts } from "./corpus";
import { writeEdgeCharts } from "./edgeCharts";
import { HelmOutcome, HelmRunner, runLimited } from "./helmRunner";
import { justification, justifiedDisagreements, masked } from "./justified";

type HelmLabel = "helm3" | "helm4";

interface Verdict {
    ok: boolean;
    message: string;
    archive?: string;
}

interface Comparison {
    chart: CorpusChart;
    ours: Verdict;
    helm: Record<HelmLabel, Verdict>;
    /** "<helm> <command>" for every show/template output that differed between our archive and Helm's */
    outputDiffs: string[];
}

/**
 * Commands run on our archive and on Helm's; their output must be the same. `helm show all` prints
 * what `show chart` and `show values` print, then the README and the CRDs.
 */
const readCommands: readonly string[][] = [
    ["show", "all"],
    ["template", "parity"],
];

function normalized(id: string, outcome: HelmOutcome, archive: string): string {
    return masked(id, `${outcome.ok ? "ok" : "failed"}\n${outcome.output.split(archive).join("<archive>")}`);
}

async function oursVerdict(chart: CorpusChart, outDir: string): Promise<Verdict> {
    try {
        const packaged = await packageChart(chart.dir);
        const archive = path.join(outDir, packaged.fileName);
        fs.mkdirSync(outDir, { recursive: true });
        fs.writeFileSync(archive, packaged.archive);
        return { ok: true, message: packaged.warnings.join("\n"), archive };
    } catch (err) {
        return { ok: false, message: (err as Error).message };
    }
}

async function helmVerdict(helm: HelmRunner, chart: CorpusChart, outDir: string): Promise<Verdict> {
    fs.mkdirSync(outDir, { recursive: true });
    const outcome = await helm.run(["package", chart.dir, "--destination", outDir]);
    const [made] = fs.readdirSync(outDir);
    return outcome.ok && made ? { ok: true, message: "", archive: path.join(outDir, made) } : { ok: false, message: outcome.output.trim() };
}

async function outputDiffs(id: string, helm: HelmRunner, ours: string, theirs: string): Promise<string[]> {
    const diffs: string[] = [];
    for (const command of readCommands) {
        const [a, b] = await Promise.all([helm.run([...command, ours]), helm.run([...command, theirs])]);
        if (normalized(id, a, ours) !== normalized(id, b, theirs)) diffs.push(`${helm.label} ${command.join(" ")}`);
    }
    return diffs;
}

async function compare(chart: CorpusChart, index: number, work: string, helms: Record<HelmLabel, HelmRunner>): Promise<Comparison> {
    const base = path.join(work, String(index));
    const ours = await oursVerdict(chart, path.join(base, "ours"));
    const helm = {
        helm3: await helmVerdict(helms.helm3, chart, path.join(base, "helm3")),
        helm4: await helmVerdict(helms.helm4, chart, path.join(base, "helm4")),
    };
    const diffs: string[] = [];
    for (const label of ["helm3", "helm4"] as const) {
        const theirs = helm[label].archive;
        if (ours.archive && theirs) diffs.push(...(await outputDiffs(chart.id, helms[label], ours.archive, theirs)));
    }
    return { chart, ours, helm, outputDiffs: diffs };
}

function verdictWord(v: Verdict): string {
    return v.ok ? "packaged" : "refused";
}

describe("Helm parity: the same verdicts and the same charts as helm package of Helm 3 and Helm 4", function () {
    suiteDeadline(this, PARITY_SUITE_LIMIT_MINUTES);
    this.timeout(600_000);
    const work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-parity-"));
    let helms: Record<HelmLabel, HelmRunner>;
    let results: Comparison[] = [];

    before(async () => {
        helms = { helm3: new HelmRunner("helm3", requireTool("helm")), helm4: new HelmRunner("helm4", requireTool("helm4")) };
        const corpus = [...moduleCharts(), ...(await writeEdgeCharts(path.join(work, "edge")))];
        const started = Date.now();
        results = await runLimited(
            corpus.map((chart, i) => () => compare(chart, i, path.join(work, "out"), helms)),
            4,
        );
        const disagreeing = results.filter((r) => r.ours.ok !== r.helm.helm3.ok || r.ours.ok !== r.helm.helm4.ok);
        console.log(
            `      corpus: ${results.length} charts (${results.filter((r) => r.chart.id.startsWith("edge/")).length} edge cases); ` +
                `verdict disagreements: ${disagreeing.length}; output differences: ${results.filter((r) => r.outputDiffs.length).length}; ` +
                `${((Date.now() - started) / 1000).toFixed(1)} s`,
        );
    });
    after(() => {
        helms?.helm3.cleanup();
        helms?.helm4.cleanup();
        fs.rmSync(work, { recursive: true, force: true });
    });

    it("runs over several dozen charts: real ones from Go modules, Helm's test charts and deliberate edge cases", () => {
        assert.ok(results.length >= 60, `corpus has ${results.length} charts`);
        assert.ok(
            results.some((r) => !r.helm.helm3.ok),
            "the corpus holds charts Helm refuses",
        );
        assert.ok(results.filter((r) => r.helm.helm3.ok).length >= 40, "the corpus holds charts Helm packages");
    });

    for (const label of ["helm3", "helm4"] as const) {
        it(`packages exactly the charts ${label === "helm3" ? "Helm 3.22" : "Helm 4.3.1"} packages (each exception justified)`, () => {
            const unexplained = results
                .filter((r) => r.ours.ok !== r.helm[label].ok && !justification(r.chart.id, label))
                .map(
                    (r) =>
                        `${r.chart.id}: ${label} ${verdictWord(r.helm[label])}${r.helm[label].message ? ` (${r.helm[label].message})` : ""}, we ${verdictWord(r.ours)}${r.ours.ok ? "" : ` (${r.ours.message})`}`,
                );
            assert.deepStrictEqual(unexplained, []);
            const stale = justifiedDisagreements
                .filter((j) => j.helm === label)
                .flatMap((j) => j.ids)
                .filter((id) => {
                    const r = results.find((c) => c.chart.id === id);
                    return !r || r.ours.ok === r.helm[label].ok;
                });
            assert.deepStrictEqual(stale, [], "justified disagreements that no longer happen");
        });
    }

    it("gives Helm the same chart: helm show all (chart, values, README, CRDs) and helm template of our archive equal those of Helm's archive", () => {
        const differing = results.filter((r) => r.outputDiffs.length).map((r) => `${r.chart.id}: ${r.outputDiffs.join(", ")}`);
        assert.deepStrictEqual(differing, []);
        assert.ok(results.filter((r) => r.ours.archive && r.helm.helm4.archive).length >= 40);
    });
});
