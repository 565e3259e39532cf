import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/paths";

/** Records, when the process exits, every module file it loaded; SIGTERM exits normally so that the record is written. */
const RECORDER = `"use strict";
process.on("SIGTERM", () => process.exit(0));
process.on("exit", () => require("fs").writeFileSync(process.env.LOADED_MODULES_FILE, JSON.stringify(Object.keys(require.cache))));
`;

/**
 * The engine waits for a plugin's port before it sends the first check, so what the plugin loads at start-up is on
 * the path of every preview. `@pulumi/pulumi`'s package root loads its automation API (npm's arborist, sigstore,
 * about 580 modules, ~0.5 s here); the provider server needs none of it.
 */
describe("the provider plugin's start-up", function () {
    this.timeout(30_000);
    let dir: string;
    before(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-plugin-startup-"));
        fs.writeFileSync(path.join(dir, "recorder.js"), RECORDER);
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("serves its port without loading @pulumi/pulumi's package root or automation API", async () => {
        const loaded = await modulesLoadedUntilPort(dir);
        const relative = loaded.map((file) => file.replace(/.*\/node_modules\//, ""));
        assert.ok(relative.includes("@pulumi/pulumi/provider/server.js"), "the recorder saw the provider server load");
        const unwanted = relative.filter(
            (file) => file === "@pulumi/pulumi/index.js" || file.startsWith("@pulumi/pulumi/automation/") || file.startsWith("@npmcli/"),
        );
        assert.deepStrictEqual(unwanted, []);
    });
});

async function modulesLoadedUntilPort(dir: string): Promise<string[]> {
    const record = path.join(dir, "loaded.json");
    const child = spawn(
        process.execPath,
        ["--require", path.join(dir, "recorder.js"), path.join(repoRoot, "dist", "provider", "index.js"), "127.0.0.1:1"],
        {
            env: { ...process.env, LOADED_MODULES_FILE: record },
            stdio: ["ignore", "pipe", "pipe"],
        },
    );
    let stderr = "";
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    const port = await new Promise<string>((resolve, reject) => {
        child.stdout.once("data", (chunk: Buffer) => resolve(chunk.toString().trim()));
        child.once("exit", (code) => reject(new Error(`the plugin exited (${code}) before serving a port: ${stderr}`)));
    });
    assert.match(port, /^\d+$/);
    child.kill("SIGTERM");
    await exited;
    return JSON.parse(fs.readFileSync(record, "utf8")) as string[];
}
