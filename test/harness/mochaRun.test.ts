import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { ended } from "./liveProcess";

const MOCHA = path.join(repoRoot, "node_modules", "mocha", "bin", "mocha.js");
const DIST = path.join(repoRoot, "dist");

/** Runs mocha on one spec file with the repository's .mocharc.json settings: its spec replaced by `spec`, its requires kept. */
function mochaWithRepoConfig(work: string, spec: string, body: string, limitMs = 30_000) {
    const repoConfig = JSON.parse(fs.readFileSync(path.join(repoRoot, ".mocharc.json"), "utf8"));
    const requires = (repoConfig.require ?? []).map((file: string) => path.resolve(repoRoot, file));
    const config = { ...repoConfig, spec: [path.join(work, spec)], require: requires };
    fs.writeFileSync(path.join(work, spec), body);
    fs.writeFileSync(path.join(work, "mocharc.json"), JSON.stringify(config));
    const started = Date.now();
    const run = spawnSync(process.execPath, [MOCHA, "--config", path.join(work, "mocharc.json")], {
        cwd: work,
        encoding: "utf8",
        timeout: limitMs,
        killSignal: "SIGKILL",
        env: { ...process.env, ACR_HELM_SUITE_LIMIT_MINUTES: "" },
    });
    return { code: run.status, output: run.stdout + run.stderr, ms: Date.now() - started };
}

describe("test runs fail instead of shrinking or hanging", function () {
    this.timeout(60_000);
    let work: string;
    beforeEach(() => (work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-mocha-"))));
    afterEach(() => fs.rmSync(work, { recursive: true, force: true }));

    it("a committed .only fails the run (forbidOnly)", () => {
        const run = mochaWithRepoConfig(work, "only.test.js", 'describe("s", () => { it.only("a", () => {}); it("b", () => {}); });\n');
        assert.notStrictEqual(run.code, 0, run.output);
        assert.match(run.output, /\.only.*forbidden/);
    });

    it("a handle left open does not keep the run from ending (exit)", () => {
        const run = mochaWithRepoConfig(work, "handle.test.js", 'it("leaves a timer", () => { setInterval(() => {}, 1000); });\n', 20_000);
        assert.strictEqual(run.code, 0, `the run did not end by itself (${run.ms} ms):\n${run.output}`);
    });

    it("the run ends with a per-file timing table, a before hook's time counted toward its file", () => {
        const body = `
describe("slow to set up", () => {
    before(() => new Promise((resolve) => setTimeout(resolve, 400)));
    it("a", () => {});
    it("b", () => {});
});
`;
        const run = mochaWithRepoConfig(work, "timed.test.js", body);
        assert.strictEqual(run.code, 0, run.output);
        assert.match(
            run.output,
            /2 passing[^]*Time per test file, slowest first:\n\n {2}file +tests +seconds\n {2}timed\.test\.js +2 +0\.[4-9]\n/,
        );
    });

    it("suiteDeadline stops a hanging suite with exit code 1, naming it and its test, and kills the processes it started", async () => {
        const pidFile = path.join(work, "child.pid");
        const body = `
const { suiteDeadline } = require(${JSON.stringify(path.join(DIST, "test", "support", "suiteDeadline.js"))});
const { startProcess } = require(${JSON.stringify(path.join(DIST, "scripts", "local", "processes.js"))});
describe("a hanging suite", function () {
    suiteDeadline(this, 0.03);
    it("waits forever", function () {
        this.timeout(0);
        const child = startProcess({ name: "sleep", command: "sleep", args: ["300"], logFile: ${JSON.stringify(path.join(work, "sleep.log"))} });
        require("fs").writeFileSync(${JSON.stringify(pidFile)}, String(child.pid));
        return new Promise(() => {});
    });
});
`;
        const run = mochaWithRepoConfig(work, "hang.test.js", body);
        assert.strictEqual(run.code, 1, run.output);
        assert.match(run.output, /the suite "a hanging suite" ran past its overall limit of 0\.03 min while running "waits forever"/);
        assert.ok(run.ms < 20_000, `took ${run.ms} ms`);
        assert.ok(await ended(Number(fs.readFileSync(pidFile, "utf8"))), "the suite's child process was killed");
    });
});
