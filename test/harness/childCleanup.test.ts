import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { hangingSpec, pastDeadlineSpec, sharedRegistrySpec, timingOutSpec } from "./hangingSpecs";
import { isAlive } from "./liveProcess";
import { MochaChild, startMocha } from "./mochaChild";

interface Recorded {
    registry: number;
    pulumi: number;
    host: number;
    plugin: number;
}

/** The pids the child run wrote, once it has: a real docker-registry, the fake pulumi, its language host and plugin. */
async function recordedPids(work: string, run: MochaChild): Promise<Recorded> {
    const file = path.join(work, "pids.json");
    const deadline = Date.now() + 30_000;
    while (!fs.existsSync(file)) {
        if (Date.now() > deadline || run.process.exitCode !== null) assert.fail(`no pids recorded:\n${run.output()}`);
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return JSON.parse(fs.readFileSync(file, "utf8"));
}

/** Which of `pids` still run after a settle step of up to `ms` for them to end. */
async function runningAfterSettling(pids: number[], ms = 10_000): Promise<number[]> {
    const deadline = Date.now() + ms;
    while (pids.some(isAlive) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
    return pids.filter(isAlive);
}

function names(recorded: Recorded, pids: number[]): string[] {
    return Object.entries(recorded)
        .filter(([, pid]) => pids.includes(pid))
        .map(([name, pid]) => `${name} (${pid})`);
}

describe("every process a test starts is stopped when it times out, its suite's deadline fires or the run is ended", function () {
    this.timeout(90_000);
    let work: string;
    let recorded: Recorded | undefined;
    beforeEach(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-child-cleanup-"));
        recorded = undefined;
    });
    afterEach(() => {
        // Whatever a failed check left running, so that it does not outlive this run.
        for (const pid of Object.values(recorded ?? {}).filter(isAlive)) process.kill(pid, "SIGKILL");
        fs.rmSync(work, { recursive: true, force: true });
    });

    /** Runs `spec` until it has recorded its pids, checks they all run (the positive control), and returns them. */
    async function startedAndRunning(spec: (work: string) => string): Promise<{ run: MochaChild; pids: number[] }> {
        const run = startMocha(work, spec(work));
        recorded = await recordedPids(work, run);
        const pids = Object.values(recorded);
        assert.ok(
            pids.every((pid) => Number.isInteger(pid)),
            `a pid is missing: ${JSON.stringify(recorded)}`,
        );
        assert.deepStrictEqual(pids.filter(isAlive), pids, "before the clean-up every recorded process runs");
        return { run, pids };
    }

    it("a test past its mocha timeout: a registry and a pulumi tree it started are stopped while the run goes on", async () => {
        const { run, pids } = await startedAndRunning(timingOutSpec);
        const code = await run.exited(60_000);
        assert.strictEqual(code, 1, run.output());
        assert.match(run.output(), /1 passing[^]*1 failing[^]*Timeout of 300ms exceeded/);
        const afterTimeout: number[] = JSON.parse(fs.readFileSync(path.join(work, "after-timeout.json"), "utf8"));
        assert.deepStrictEqual(names(recorded!, afterTimeout), [], "still running after the timeout, before the run ended");
        assert.deepStrictEqual(names(recorded!, await runningAfterSettling(pids)), [], "still running after the run");
    });

    it("a suite past its deadline: the run exits with code 1 and leaves nothing running", async () => {
        const { run, pids } = await startedAndRunning(pastDeadlineSpec);
        const code = await run.exited(60_000);
        assert.strictEqual(code, 1, run.output());
        assert.match(run.output(), /the suite "a suite past its deadline" ran past its overall limit of 0\.1 min/);
        assert.deepStrictEqual(names(recorded!, await runningAfterSettling(pids)), [], "still running after the run");
    });

    it("a run ended by SIGTERM stops what its tests started, then ends by that signal", async () => {
        const { run, pids } = await startedAndRunning(hangingSpec);
        run.process.kill("SIGTERM");
        assert.strictEqual(await run.exited(30_000), "SIGTERM", run.output());
        assert.deepStrictEqual(names(recorded!, await runningAfterSettling(pids)), [], "still running after the run");
    });

    it("a test past its timeout leaves alone what its suite's before hook started for the other tests", async () => {
        const run = startMocha(work, sharedRegistrySpec(work));
        assert.strictEqual(await run.exited(60_000), 1, run.output());
        assert.match(run.output(), /1 passing[^]*1 failing[^]*Timeout of 300ms exceeded/);
        const shared = JSON.parse(fs.readFileSync(path.join(work, "shared.json"), "utf8"));
        assert.ok(Number.isInteger(shared.pid), `the suite's registry ran no more after the timeout: ${JSON.stringify(shared)}`);
        assert.strictEqual(shared.answer, 200);
        assert.deepStrictEqual(await runningAfterSettling([shared.pid]), [], "the after hook stopped it");
    });
});
