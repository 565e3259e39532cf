import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../support/paths";

const DIST = path.join(repoRoot, "dist");

/**
 * A stand-in for the pulumi CLI that outlives a SIGTERM (as pulumi does while it cancels an update): it starts a
 * language host in its process group and a plugin in a group of its own, prints their pids, and sleeps.
 */
function fakePulumi(): string {
    return `#!${process.execPath}
const { spawn } = require("child_process");
const sleeper = ["-e", "setTimeout(() => {}, 300000)"];
const host = spawn(process.execPath, sleeper, { stdio: "ignore" });
const plugin = spawn(process.execPath, sleeper, { stdio: "ignore", detached: true });
process.on("SIGTERM", () => {});
console.log("ready " + host.pid + " " + plugin.pid);
setTimeout(() => {}, 300000);
`;
}

/**
 * Spec code that starts a real docker-registry and the fake pulumi (through PulumiWorkspace.run) and writes their
 * pids, the pulumi's language host's and plugin's included, to `pids.json` in `work`.
 */
function startEverything(work: string): string {
    fs.writeFileSync(path.join(work, "pulumi"), fakePulumi(), { mode: 0o755 });
    const workspace = { projectDir: work, backendDir: path.join(work, "state"), passphrase: "unused", binary: path.join(work, "pulumi") };
    return `
const fs = require("fs");
const { startRegistry } = require(${JSON.stringify(path.join(DIST, "scripts", "local", "registry.js"))});
const { PulumiWorkspace } = require(${JSON.stringify(path.join(DIST, "scripts", "local", "pulumiCli.js"))});
const { descendantPids } = require(${JSON.stringify(path.join(DIST, "scripts", "local", "processTree.js"))});
const { suiteDeadline } = require(${JSON.stringify(path.join(DIST, "test", "support", "suiteDeadline.js"))});
const PIDS = ${JSON.stringify(path.join(work, "pids.json"))};
const commandOf = (pid) => { try { return fs.readFileSync("/proc/" + pid + "/cmdline", "utf8"); } catch { return ""; } };
const isRunning = (pid) => {
    try {
        const stat = fs.readFileSync("/proc/" + pid + "/stat", "utf8");
        return stat.slice(stat.lastIndexOf(")") + 2)[0] !== "Z";
    } catch {
        return false;
    }
};

async function startEverything() {
    await startRegistry({ auth: "none" });
    let pulumi;
    const line = await new Promise((resolve) => {
        const run = new PulumiWorkspace(${JSON.stringify(workspace)}).run(["up"], {
            onStart: (pid) => (pulumi = pid),
            onOutput: (chunk) => /ready \\d+ \\d+/.test(chunk) && resolve(chunk),
        });
        run.catch(() => {});
    });
    const [, host, plugin] = /ready (\\d+) (\\d+)/.exec(line).map(Number);
    const registry = descendantPids(process.pid).find((pid) => commandOf(pid).startsWith("/usr/bin/docker-registry"));
    fs.writeFileSync(PIDS, JSON.stringify({ registry, pulumi, host, plugin }));
}
`;
}

/** A test that starts everything, then exceeds a tiny timeout; a second test writes which recorded pids still run. */
export function timingOutSpec(work: string): string {
    return `${startEverything(work)}
describe("a test that times out", function () {
    it("starts a registry and pulumi, then hangs", async function () {
        this.timeout(30000);
        await startEverything();
        this.timeout(300);
        await new Promise(() => {});
    });

    it("finds what it started stopped while the run goes on", async function () {
        this.timeout(30000);
        const pids = Object.values(JSON.parse(fs.readFileSync(PIDS, "utf8")));
        const running = () => pids.filter(isRunning);
        const deadline = Date.now() + 10000;
        while (running().length > 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
        fs.writeFileSync(${JSON.stringify(path.join(work, "after-timeout.json"))}, JSON.stringify(running()));
    });
});
`;
}

/** A suite whose deadline fires while its test, having started everything, hangs. */
export function pastDeadlineSpec(work: string): string {
    return `${startEverything(work)}
describe("a suite past its deadline", function () {
    suiteDeadline(this, 0.1);
    it("starts a registry and pulumi, then hangs", async function () {
        this.timeout(0);
        await startEverything();
        await new Promise(() => {});
    });
});
`;
}

/** A test that starts everything and hangs until the run is ended from outside. */
export function hangingSpec(work: string): string {
    return `${startEverything(work)}
describe("a test that hangs", function () {
    it("starts a registry and pulumi, then hangs", async function () {
        this.timeout(0);
        await startEverything();
        await new Promise(() => {});
    });
});
`;
}

/**
 * A suite whose `before` hook starts a registry and whose first test times out: the second test writes whether the
 * suite's registry still runs; the `after` hook stops it.
 */
export function sharedRegistrySpec(work: string): string {
    return `${startEverything(work)}
describe("a suite with a registry for all its tests", function () {
    let registry;
    before(async () => (registry = await startRegistry({ auth: "none" })));
    after(() => registry.stop());

    it("times out", async function () {
        this.timeout(300);
        await new Promise(() => {});
    });

    it("still has its registry", async function () {
        await new Promise((resolve) => setTimeout(resolve, 5000));
        const pid = descendantPids(process.pid).find((pid) => commandOf(pid).startsWith("/usr/bin/docker-registry"));
        const answer = await fetch("http://" + registry.host + "/v2/").then((res) => res.status, (error) => error.message);
        fs.writeFileSync(${JSON.stringify(path.join(work, "shared.json"))}, JSON.stringify({ pid, answer }));
    });
});
`;
}
