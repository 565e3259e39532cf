import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { ACR_NULL_GUID_USERNAME } from "../../../chart/distribution/auth/credentials";
import { HelmCli, helmBinary, installedHelm } from "../../chart/oci/helmCli";
import { publishVersions } from "../../catalog/catalogFixtures";
import { acrHelm } from "../../support/cliRunner";
import { repoRoot } from "../../support/paths";
import { startRegistry, TestRegistry } from "../../support/registry";
import { installFakeCredentialHelper } from "./fakeCredentialHelper";

const HELMS = [
    { name: "Helm 3", binary: helmBinary },
    { name: "Helm 4", binary: path.join(repoRoot, ".tools", "bin", "helm4") },
];
const users = {
    admin: { password: "admin-Login-Secret-pa55", actions: ["pull", "push", "delete", "catalog"] },
};
const admin = { username: "admin", password: users.admin.password };

function mode(file: string): string {
    return (fs.statSync(file).mode & 0o777).toString(8);
}

for (const { name, binary } of HELMS) {
    describe(`${name} and acr-helm share one login (htpasswd registry)`, function () {
        this.timeout(180_000);
        let registry: TestRegistry;
        let helm: HelmCli;
        const configFile = () => helm.env().HELM_REGISTRY_CONFIG!;
        const ref = () => `oci://${registry.host}/shared/hello`;

        before(async () => {
            installedHelm();
            if (!fs.existsSync(binary)) throw new Error(`${binary} is missing: run 'bash scripts/setup-tools.sh helm4'`);
            registry = await startRegistry({ auth: "htpasswd", users });
            await publishVersions(registry.host, admin, "shared", "hello", ["1.0.0"]);
        });
        beforeEach(() => {
            helm = new HelmCli(binary);
        });
        afterEach(() => helm.cleanup());
        after(async () => {
            closeSharedClients();
            await registry?.stop();
        });

        it("helm registry login, then acr-helm tags, search and pull use that login with no credentials given", async () => {
            await helm.run(["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
            const tags = await acrHelm(["tags", ref(), "--plain-http"], "", helm.env());
            assert.strictEqual(tags.code, 0, tags.stderr);
            assert.strictEqual(tags.stdout, "1.0.0\n");
            const search = await acrHelm(["search", `oci://${registry.host}`, "--plain-http", "-o", "json"], "", helm.env());
            assert.deepStrictEqual(
                (JSON.parse(search.stdout) as { name: string }[]).map((c) => c.name),
                ["shared/hello"],
            );
            const pull = await acrHelm(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", helm.home], "", helm.env());
            assert.strictEqual(pull.code, 0, pull.stderr);
            assert.ok(fs.existsSync(path.join(helm.home, "hello-1.0.0.tgz")));
        });

        it("acr-helm login writes the same file helm does (0600, no secret printed), and helm pull then works", async () => {
            await helm.run(["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
            const helmWrote = fs.readFileSync(configFile(), "utf8");
            fs.rmSync(configFile());
            const login = await acrHelm(
                ["login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"],
                admin.password,
                helm.env(),
            );
            assert.strictEqual(login.code, 0, login.stderr);
            assert.strictEqual(login.stdout, "Login Succeeded\n");
            assert.ok(!(login.stdout + login.stderr).includes(admin.password));
            assert.strictEqual(fs.readFileSync(configFile(), "utf8"), helmWrote, "byte-identical to Helm's own registry config");
            assert.strictEqual(mode(configFile()), "600");
            fs.mkdirSync(path.join(helm.home, "pulled"));
            await helm.run(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", path.join(helm.home, "pulled")]);
            assert.ok(fs.existsSync(path.join(helm.home, "pulled", "hello-1.0.0.tgz")));
        });

        it("acr-helm logout removes the login for helm too; helm registry logout removes it for acr-helm", async () => {
            await acrHelm(["login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password, helm.env());
            const logout = await acrHelm(["logout", registry.host], "", helm.env());
            assert.strictEqual(logout.stdout, `Removing login credentials for ${registry.host}\n`);
            await assert.rejects(
                helm.run(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", helm.home]),
                /basic credential not found/,
            );
            await helm.run(["registry", "login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"], admin.password);
            await helm.run(["registry", "logout", registry.host]);
            const tags = await acrHelm(["tags", ref(), "--plain-http"], "", helm.env());
            assert.strictEqual(tags.code, 1);
            assert.match(tags.stderr, /anonymous access \(no credentials given\)/);
        });

        it("a credential helper named by credsStore holds the login for both tools; the config file holds no secret", async () => {
            const bin = path.join(helm.home, "bin");
            const vault = path.join(helm.home, "vault.json");
            installFakeCredentialHelper(bin, "vault", vault);
            fs.mkdirSync(path.dirname(configFile()), { recursive: true });
            fs.writeFileSync(configFile(), JSON.stringify({ credsStore: "vault" }));
            const env = { ...helm.env(), PATH: `${bin}${path.delimiter}${process.env.PATH}` };
            const login = await acrHelm(
                ["login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"],
                admin.password,
                env,
            );
            assert.strictEqual(login.code, 0, login.stderr);
            assert.deepStrictEqual(JSON.parse(fs.readFileSync(vault, "utf8")), {
                [registry.host]: { Username: "admin", Secret: admin.password },
            });
            assert.ok(!fs.readFileSync(configFile(), "utf8").includes(Buffer.from(`admin:${admin.password}`).toString("base64")));
            await helm.run(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", helm.home], undefined, { PATH: env.PATH });
            assert.ok(fs.existsSync(path.join(helm.home, "hello-1.0.0.tgz")), "helm read the login from the helper");
            const tags = await acrHelm(["tags", ref(), "--plain-http"], "", env);
            assert.strictEqual(tags.stdout, "1.0.0\n", tags.stderr);
        });

        it("a wrong password is refused before anything is stored, and it is not echoed", async () => {
            const wrong = "Wrong-Login-Secret-99";
            const login = await acrHelm(
                ["login", registry.host, "--username", "admin", "--password-stdin", "--plain-http"],
                wrong,
                helm.env(),
            );
            assert.strictEqual(login.code, 1);
            assert.match(
                login.stderr,
                /authenticate 127\.0\.0\.1:\d+ failed: registry 127\.0\.0\.1:\d+ rejected the credentials \(HTTP 401\)\. Check the credentials for user "admin"/,
            );
            assert.ok(!(login.stdout + login.stderr).includes(wrong));
            assert.ok(!fs.existsSync(configFile()), "nothing was written");
        });
    });
}

describe("the ACR null-GUID token flow through the shared login (token registry)", function () {
    this.timeout(180_000);
    let registry: TestRegistry;
    let helm: HelmCli;
    const ref = () => `oci://${registry.host}/shared/hello`;

    before(async () => {
        installedHelm();
        registry = await startRegistry({ auth: "token", users });
        await publishVersions(registry.host, admin, "shared", "hello", ["1.0.0"]);
    });
    beforeEach(() => {
        helm = new HelmCli();
        registry.issuer!.requests.length = 0;
    });
    afterEach(() => helm.cleanup());
    after(async () => {
        closeSharedClients();
        await registry?.stop();
    });

    it("helm registry login with the null GUID and an ACR refresh token; acr-helm exchanges it with OAuth2 refresh_token", async () => {
        const token = registry.issuer!.issueRefreshToken("admin");
        await helm.run(
            ["registry", "login", registry.host, "--username", ACR_NULL_GUID_USERNAME, "--password-stdin", "--plain-http"],
            token,
        );
        registry.issuer!.requests.length = 0;
        const search = await acrHelm(["search", `oci://${registry.host}`, "--plain-http", "-o", "json"], "", helm.env());
        assert.strictEqual(search.code, 0, search.stderr);
        assert.deepStrictEqual(
            (JSON.parse(search.stdout) as { name: string }[]).map((c) => c.name),
            ["shared/hello"],
        );
        assert.ok(registry.issuer!.requests.length > 0 && registry.issuer!.requests.every((r) => r.grantType === "refresh_token"));
    });

    it("acr-helm login with the null GUID: helm pull works with it", async () => {
        const token = registry.issuer!.issueRefreshToken("admin");
        const login = await acrHelm(
            ["login", registry.host, "--username", ACR_NULL_GUID_USERNAME, "--password-stdin", "--plain-http"],
            token,
            helm.env(),
        );
        assert.strictEqual(login.code, 0, login.stderr);
        assert.ok(!(login.stdout + login.stderr).includes(token));
        await helm.run(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", helm.home]);
        assert.ok(fs.existsSync(path.join(helm.home, "hello-1.0.0.tgz")));
    });

    it("an identitytoken entry, as az acr login leaves in Docker's config, serves acr-helm and helm alike", async () => {
        const token = registry.issuer!.issueRefreshToken("admin");
        const dockerDir = path.join(helm.home, "docker");
        fs.mkdirSync(dockerDir);
        const auth = Buffer.from(`${ACR_NULL_GUID_USERNAME}:`).toString("base64");
        fs.writeFileSync(
            path.join(dockerDir, "config.json"),
            JSON.stringify({ auths: { [registry.host]: { auth, identitytoken: token } } }),
        );
        const env = { ...helm.env(), DOCKER_CONFIG: dockerDir };
        const tags = await acrHelm(["tags", ref(), "--plain-http"], "", env);
        assert.strictEqual(tags.stdout, "1.0.0\n", tags.stderr);
        assert.ok(registry.issuer!.requests.every((r) => r.grantType === "refresh_token"));
        await helm.run(["pull", ref(), "--version", "1.0.0", "--plain-http", "-d", helm.home], undefined, { DOCKER_CONFIG: dockerDir });
        assert.ok(fs.existsSync(path.join(helm.home, "hello-1.0.0.tgz")));
    });
});
