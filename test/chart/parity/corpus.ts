import { createHash } from "crypto";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../../support/paths";

/** One chart directory of the parity corpus; `id` names it in reports and in the justified list. */
export interface CorpusChart {
    id: string;
    dir: string;
}

export interface CorpusModule {
    module: string;
    version: string;
    license: string;
    chartRoots: string[];
}

export const corpusModulesFile = path.join(repoRoot, "test", "fixtures", "chart-corpus", "modules.tsv");

export function readCorpusModules(): CorpusModule[] {
    return fs
        .readFileSync(corpusModulesFile, "utf8")
        .split("\n")
        .filter((line) => line.trim() !== "" && !line.startsWith("#"))
        .map((line) => {
            const [module, version, license, roots] = line.split("\t");
            return { module, version, license, chartRoots: roots.split(",") };
        });
}

/** The Go module cache's directory name for a module path: upper-case letters become "!" + lower case. */
function escapedModulePath(module: string): string {
    return module.replace(/[A-Z]/g, (c) => `!${c.toLowerCase()}`);
}

function goModCache(): string {
    return execFileSync("go", ["env", "GOMODCACHE"], { encoding: "utf8" }).trim();
}

/** Where the module's files are, or an error naming the set-up step that downloads them. */
export function moduleDir(cache: string, m: CorpusModule): string {
    const dir = path.join(cache, `${escapedModulePath(m.module)}@${m.version}`);
    if (!fs.existsSync(dir)) {
        throw new Error(`${m.module}@${m.version} is not in the Go module cache (${dir}); run "bash scripts/setup-tools.sh chart-corpus".`);
    }
    return dir;
}

/** A chart root is a chart itself (it holds Chart.yaml) or a folder whose direct subfolders are charts. */
function chartsUnder(root: string): string[] {
    if (fs.existsSync(path.join(root, "Chart.yaml"))) return [root];
    return fs
        .readdirSync(root, { withFileTypes: true })
        .filter((e) => e.isDirectory() && fs.existsSync(path.join(root, e.name, "Chart.yaml")))
        .map((e) => path.join(root, e.name))
        .sort();
}

/** Hash of a directory tree (names, link targets and contents), to drop charts that two sources share. */
function treeHash(dir: string): string {
    const hash = createHash("sha256");
    const visit = (abs: string, rel: string) => {
        for (const name of fs.readdirSync(abs).sort()) {
            const p = path.join(abs, name);
            const r = `${rel}/${name}`;
            const stat = fs.lstatSync(p);
            hash.update(r);
            if (stat.isSymbolicLink()) hash.update(`->${fs.readlinkSync(p)}`);
            else if (stat.isDirectory()) visit(p, r);
            else hash.update(fs.readFileSync(p));
        }
    };
    visit(dir, "");
    return hash.digest("hex");
}

/** Every chart of the corpus modules, each distinct tree once, in a stable order. */
export function moduleCharts(): CorpusChart[] {
    const cache = goModCache();
    const seen = new Set<string>();
    const charts: CorpusChart[] = [];
    for (const m of readCorpusModules()) {
        const base = moduleDir(cache, m);
        for (const root of m.chartRoots) {
            for (const dir of chartsUnder(path.join(base, root))) {
                const digest = treeHash(dir);
                if (seen.has(digest)) continue;
                seen.add(digest);
                charts.push({ id: `${m.module}@${m.version}/${path.relative(base, dir)}`, dir });
            }
        }
    }
    return charts;
}
