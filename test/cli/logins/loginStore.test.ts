import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { dockerConfigPath, helmRegistryConfigPath } from "../../../cli/login/configPath";
import { readStoredLogin, removeLogin, storeLogin } from "../../../cli/login/loginStore";
import { installFakeCredentialHelper } from "./fakeCredentialHelper";

describe("login store: Helm's registry config file and docker credential helpers", () => {
    let home: string;
    const baseEnv = () => ({ HOME: home, PATH: "/usr/bin:/bin" });

    beforeEach(() => {
        home = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-logins-"));
    });
    afterEach(() => fs.rmSync(home, { recursive: true, force: true }));

    it("finds the file where Helm does: HELM_REGISTRY_CONFIG, HELM_CONFIG_HOME, XDG_CONFIG_HOME, then ~/.config/helm", () => {
        assert.strictEqual(helmRegistryConfigPath({ HOME: "/h" }), "/h/.config/helm/registry/config.json");
        assert.strictEqual(helmRegistryConfigPath({ HOME: "/h", XDG_CONFIG_HOME: "/x" }), "/x/helm/registry/config.json");
        assert.strictEqual(
            helmRegistryConfigPath({ HOME: "/h", XDG_CONFIG_HOME: "/x", HELM_CONFIG_HOME: "/c" }),
            "/c/registry/config.json",
        );
        assert.strictEqual(helmRegistryConfigPath({ HOME: "/h", HELM_CONFIG_HOME: "/c", HELM_REGISTRY_CONFIG: "/r.json" }), "/r.json");
        assert.strictEqual(dockerConfigPath({ HOME: "/h" }), "/h/.docker/config.json");
        assert.strictEqual(dockerConfigPath({ HOME: "/h", DOCKER_CONFIG: "/d" }), "/d/config.json");
    });

    it("writes auths with base64 user:password, keeps the file's other keys, 0600 in a 0700 directory", async () => {
        const file = helmRegistryConfigPath(baseEnv());
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(
            file,
            JSON.stringify({ auths: { "other.example": { auth: Buffer.from("o:p").toString("base64") } }, experimental: "keep-me" }),
        );
        await storeLogin("myacr.azurecr.io", "ci", "pa:ss", { env: baseEnv() });
        const written = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.deepStrictEqual(written, {
            auths: {
                "myacr.azurecr.io": { auth: Buffer.from("ci:pa:ss").toString("base64") },
                "other.example": { auth: Buffer.from("o:p").toString("base64") },
            },
            experimental: "keep-me",
        });
        assert.strictEqual(fs.statSync(file).mode & 0o777, 0o600);
        const fresh = path.join(home, "fresh", "registry", "config.json");
        await storeLogin("r.example", "u", "p", { env: { ...baseEnv(), HELM_REGISTRY_CONFIG: fresh } });
        assert.strictEqual(fs.statSync(path.dirname(fresh)).mode & 0o777, 0o700);
        assert.deepStrictEqual(await readStoredLogin("myacr.azurecr.io", { env: baseEnv() }), {
            credentials: { username: "ci", password: "pa:ss" },
            source: file,
        });
        assert.strictEqual(await removeLogin("myacr.azurecr.io", { env: baseEnv() }), true);
        assert.strictEqual(await readStoredLogin("myacr.azurecr.io", { env: baseEnv() }), undefined);
        assert.strictEqual(await removeLogin("myacr.azurecr.io", { env: baseEnv() }), false);
    });

    it("reads keys written with a scheme, identity tokens as refresh tokens, and Docker's config after Helm's", async () => {
        const dockerFile = dockerConfigPath(baseEnv());
        fs.mkdirSync(path.dirname(dockerFile), { recursive: true });
        fs.writeFileSync(
            dockerFile,
            JSON.stringify({
                auths: {
                    "https://docker-only.example/v1/": { auth: Buffer.from("d:pw").toString("base64") },
                    "acr.example": { identitytoken: "refresh-xyz" },
                },
            }),
        );
        assert.deepStrictEqual((await readStoredLogin("docker-only.example", { env: baseEnv() }))?.credentials, {
            username: "d",
            password: "pw",
        });
        assert.deepStrictEqual((await readStoredLogin("acr.example", { env: baseEnv() }))?.credentials, {
            kind: "refreshToken",
            refreshToken: "refresh-xyz",
        });
        await storeLogin("acr.example", "helm-user", "helm-pw", { env: baseEnv() });
        assert.deepStrictEqual(
            (await readStoredLogin("acr.example", { env: baseEnv() }))?.credentials,
            { username: "helm-user", password: "helm-pw" },
            "Helm's file wins",
        );
    });

    it("with no login configured, a platform helper on PATH is used and recorded as credsStore, as ORAS detects it", async () => {
        const bin = path.join(home, "bin");
        const vault = path.join(home, "vault.json");
        installFakeCredentialHelper(bin, "secretservice", vault);
        const env = { ...baseEnv(), PATH: `${bin}:/usr/bin:/bin` };
        const where = await storeLogin("r.example", "u", "secret-in-helper", { env });
        assert.strictEqual(where, "docker-credential-secretservice");
        const file = fs.readFileSync(helmRegistryConfigPath(env), "utf8");
        assert.deepStrictEqual(JSON.parse(file), { auths: {}, credsStore: "secretservice" });
        assert.ok(!file.includes("secret-in-helper"));
        assert.deepStrictEqual((await readStoredLogin("r.example", { env }))?.credentials, { username: "u", password: "secret-in-helper" });
    });

    it("credHelpers for one registry take precedence; a broken file or helper names the file and the fix, never the secret", async () => {
        const bin = path.join(home, "bin");
        installFakeCredentialHelper(bin, "one", path.join(home, "one.json"));
        const env = { ...baseEnv(), PATH: `${bin}:/usr/bin:/bin` };
        const file = helmRegistryConfigPath(env);
        fs.mkdirSync(path.dirname(file), { recursive: true });
        fs.writeFileSync(file, JSON.stringify({ credHelpers: { "one.example": "one" }, credsStore: "missing" }));
        await storeLogin("one.example", "u", "p-one", { env });
        assert.deepStrictEqual(JSON.parse(fs.readFileSync(path.join(home, "one.json"), "utf8")), {
            "one.example": { Username: "u", Secret: "p-one" },
        });
        await assert.rejects(storeLogin("two.example", "u", "p-two-secret", { env }), (error: Error) => {
            assert.match(
                error.message,
                /the credential helper docker-credential-missing could not be run \(ENOENT\); install it on PATH or remove "missing"/,
            );
            return !error.message.includes("p-two-secret");
        });
        fs.writeFileSync(file, "{ not json");
        await assert.rejects(
            readStoredLogin("one.example", { env }),
            new RegExp(`the registry login file ${file} is not a valid config \\(it is not JSON\\); fix or remove it`),
        );
    });
});
