import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PulumiWorkspace } from "../../scripts/local/pulumiCli";
import { repoRoot } from "../support/paths";
import { ended } from "./liveProcess";

/**
 * A stand-in for the pulumi CLI: prints its pid and that of a "plugin" it starts in a session of its own (as the
 * engine starts its plugins), then either hangs or exits with code 3.
 */
const FAKE_PULUMI = `#!/bin/bash
setsid sleep 300 </dev/null >/dev/null 2>&1 &
echo "pulumi $$ plugin $!"
[[ "$1" == "hang" ]] && sleep 300
exit 3
`;

function killQuietly(pid: number): void {
    try {
        process.kill(pid, "SIGKILL");
    } catch {
        // already ended
    }
}

describe("PulumiWorkspace.run has a time limit and kills what it started", function () {
    this.timeout(30_000);
    let work: string;
    let workspace: PulumiWorkspace;
    before(() => {
        work = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-fake-pulumi-"));
        fs.writeFileSync(path.join(work, "pulumi"), FAKE_PULUMI, { mode: 0o755 });
        workspace = new PulumiWorkspace({
            projectDir: work,
            backendDir: path.join(work, "state"),
            passphrase: "unused",
            binary: path.join(work, "pulumi"),
        });
    });
    after(() => fs.rmSync(work, { recursive: true, force: true }));

    it("a run past its limit rejects with the output so far, and pulumi and its plugins are killed", async () => {
        const started = Date.now();
        let output = "";
        await assert.rejects(
            workspace.run(["hang"], { timeoutMs: 1000, onOutput: (chunk) => (output += chunk) }),
            /^Error: pulumi hang did not finish within 1 s and was killed; output so far:\npulumi \d+ plugin \d+/,
        );
        assert.ok(Date.now() - started < 10_000, `took ${Date.now() - started} ms`);
        const [, pulumiPid, pluginPid] = /pulumi (\d+) plugin (\d+)/.exec(output)!.map(Number);
        assert.ok(await ended(pulumiPid), "pulumi was killed");
        assert.ok(await ended(pluginPid), "the plugin in its own session was killed");
    });

    it("a run within its limit resolves with its exit code and output", async () => {
        const result = await workspace.run(["quick"], { timeoutMs: 20_000 });
        assert.strictEqual(result.code, 3);
        assert.match(result.output, /^pulumi \d+ plugin \d+\n$/);
        const pluginPid = Number(/plugin (\d+)/.exec(result.output)![1]);
        killQuietly(pluginPid);
    });

    it("Ctrl-C of the process running pulumi reaches pulumi, although it runs in a process group of its own", async () => {
        const script = `
const { PulumiWorkspace } = require(${JSON.stringify(path.join(repoRoot, "dist", "scripts", "local", "pulumiCli.js"))});
const workspace = new PulumiWorkspace(${JSON.stringify({ projectDir: work, backendDir: path.join(work, "state"), passphrase: "unused", binary: path.join(work, "pulumi") })});
workspace.run(["hang"], { onOutput: (chunk) => { process.stdout.write(chunk); process.kill(process.pid, "SIGINT"); } });
`;
        const parent = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
        let output = "";
        parent.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
        const signal = await new Promise((resolve) => parent.once("exit", (_code, sig) => resolve(sig)));
        assert.strictEqual(signal, "SIGINT");
        const [, pulumiPid, pluginPid] = /pulumi (\d+) plugin (\d+)/.exec(output)!.map(Number);
        try {
            assert.ok(await ended(pulumiPid), "pulumi got the SIGINT and ended");
        } finally {
            for (const pid of [pulumiPid, pluginPid]) killQuietly(pid);
        }
    });
});
