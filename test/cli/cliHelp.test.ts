import * as assert from "assert";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { DEFAULT_USERS, startRegistry, TestRegistry } from "../support/registry";

const CLI = path.join(repoRoot, "dist", "bin", "acr-helm.js");
const COMMANDS = ["package", "push", "tags", "pull", "verify", "search", "show", "login", "logout", "copy"];

function acrHelm(args: string[], env: NodeJS.ProcessEnv = {}, stdin = "") {
    const run = spawnSync(process.execPath, [CLI, ...args], { input: stdin, encoding: "utf8", env: { PATH: process.env.PATH, ...env } });
    return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe("acr-helm --help and -h", function () {
    this.timeout(60_000);

    for (const flag of ["--help", "-h", "help"]) {
        it(`acr-helm ${flag} prints every command's call to stdout and exits 0`, () => {
            const result = acrHelm([flag]);
            assert.strictEqual(result.code, 0, result.stderr);
            assert.strictEqual(result.stderr, "");
            for (const command of COMMANDS) assert.match(result.stdout, new RegExp(`^ {2}acr-helm ${command} `, "m"), command);
            assert.match(result.stdout, /Run 'acr-helm <command> --help'/);
        });
    }

    for (const command of COMMANDS) {
        it(`acr-helm ${command} --help and -h print ${command}'s usage and flags to stdout and exit 0`, () => {
            for (const args of [
                [command, "--help"],
                [command, "-h"],
                ["help", command],
                [command, "oci://example.com/x", "-h"],
            ]) {
                const result = acrHelm(args);
                assert.strictEqual(result.code, 0, `${args.join(" ")}: ${result.stderr}`);
                assert.strictEqual(result.stderr, "", args.join(" "));
                assert.match(result.stdout, new RegExp(`\\nUsage:\\n {2}acr-helm ${command} `), args.join(" "));
                assert.match(result.stdout, new RegExp(`\\n {2}-h, --help +show this help for ${command}\\n`), args.join(" "));
            }
        });
    }

    it("a usage mistake in a command prints that command's usage on stderr, exit 2", () => {
        const result = acrHelm(["pull", "oci://example.com/charts/x"]);
        assert.strictEqual(result.code, 2);
        assert.match(result.stderr, /^Error: --version is required/);
        assert.match(result.stderr, /\nUsage:\n {2}acr-helm pull oci:\/\/<host>\/<namespace>\/<name> --version <version>/);
        assert.doesNotMatch(result.stderr, /acr-helm push/);
    });

    it("documents Helm's short flags: login -u/-p, pull and package -d, search -o", () => {
        assert.match(acrHelm(["login", "-h"]).stdout, /-u, --username <user>[\s\S]*-p, --password <password> +.*visible to other users/);
        for (const command of ["pull", "package"]) assert.match(acrHelm([command, "-h"]).stdout, /-d, --destination <dir>/);
        assert.match(acrHelm(["search", "-h"]).stdout, /-o, --output table\|json\|yaml/);
    });
});

describe("acr-helm login takes Helm's -u and -p", function () {
    this.timeout(60_000);
    let registry: TestRegistry;
    let home: string;
    const password = DEFAULT_USERS.admin.password;

    before(async () => {
        registry = await startRegistry({ auth: "htpasswd" });
        home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-login-"));
    });
    after(async () => {
        fs.rmSync(home, { recursive: true, force: true });
        await registry?.stop();
    });

    it("login -u <user> -p <password> stores the login and warns that the password was visible", () => {
        const env = { HOME: home, HELM_REGISTRY_CONFIG: path.join(home, "registry.json") };
        const result = acrHelm(["login", registry.host, "-u", "admin", "-p", password, "--plain-http"], env);
        assert.strictEqual(result.code, 0, result.stderr);
        assert.strictEqual(result.stdout, "Login Succeeded\n");
        assert.match(result.stderr, /^Warning: a password given with --password is visible to other users of this machine/);
        assert.ok(!result.stderr.includes(password) && !result.stdout.includes(password));
        const stored = JSON.parse(fs.readFileSync(env.HELM_REGISTRY_CONFIG, "utf8")) as { auths: Record<string, { auth: string }> };
        assert.strictEqual(Buffer.from(stored.auths[registry.host].auth, "base64").toString(), `admin:${password}`);
    });

    it("-p with --password-stdin, or without a user, is a usage error naming the flags", () => {
        const both = acrHelm(["login", registry.host, "-u", "admin", "-p", password, "--password-stdin", "--plain-http"], {}, password);
        assert.strictEqual(both.code, 2);
        assert.match(both.stderr, /^Error: give the password either with --password-stdin or with --password, not both/);
        const noUser = acrHelm(["login", registry.host, "-p", password, "--plain-http"]);
        assert.strictEqual(noUser.code, 2);
        assert.match(noUser.stderr, /^Error: --password needs --username \(or ACR_HELM_USERNAME\)/);
        assert.ok(!both.stderr.includes(password) && !noUser.stderr.includes(password));
    });
});
