import * as assert from "assert";
import * as fs from "fs";
import * as openpgp from "openpgp";
import * as os from "os";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { acrHelm } from "../chart/signing/signedToolsSupport";

const CHART = path.join(repoRoot, "charts", "hello-acr");
// Nothing listens here: every case below must fail before any request.
const TARGET = "oci://127.0.0.1:9/charts";

describe("acr-helm push --sign and verify: usage and key errors, before any request", function () {
    this.timeout(60_000);
    let dir: string;
    let keyFile: string;

    before(async () => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "acr-helm-cli-signing-"));
        const key = await openpgp.generateKey({ userIDs: [{ name: "CLI", email: "cli@example.com" }], passphrase: "cli-Right-passphrase" });
        keyFile = path.join(dir, "secret.asc");
        fs.writeFileSync(keyFile, key.privateKey);
        fs.writeFileSync(path.join(dir, "wrong.txt"), "cli-Wrong-passphrase\n");
    });
    after(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("--sign without --key, and --key without --sign, are usage errors (exit 2)", () => {
        const noKey = acrHelm(["push", CHART, TARGET, "--sign"]);
        assert.strictEqual(noKey.code, 2);
        assert.match(noKey.stderr, /--sign needs --key <file>: an ASCII-armored OpenPGP secret key/);
        const noSign = acrHelm(["push", CHART, TARGET, "--key", keyFile]);
        assert.strictEqual(noSign.code, 2);
        assert.match(noSign.stderr, /--key is the key for --sign; add --sign/);
        const missing = acrHelm(["push", CHART, TARGET, "--sign", "--key", path.join(dir, "absent.asc")]);
        assert.strictEqual(missing.code, 2);
        assert.match(missing.stderr, /--key .*absent\.asc cannot be read \(ENOENT\)/);
    });

    it("a protected key without its passphrase, or with a wrong one, fails (exit 1) without quoting the passphrase", () => {
        const without = acrHelm(["push", CHART, TARGET, "--sign", "--key", keyFile]);
        assert.strictEqual(without.code, 1);
        assert.match(without.stderr, /is protected by a passphrase; give the passphrase too/);
        const wrong = acrHelm(["push", CHART, TARGET, "--sign", "--key", keyFile, "--key-passphrase-file", path.join(dir, "wrong.txt")]);
        assert.strictEqual(wrong.code, 1);
        assert.match(wrong.stderr, /could not be unlocked: the passphrase is wrong/);
        assert.ok(!wrong.stderr.includes("cli-Wrong-passphrase"));
    });

    it("verify needs --version and at least one of --keyring, --cosign-pub and the keyless flags, those all together (exit 2)", () => {
        const noVersion = acrHelm(["verify", `${TARGET}/hello-acr`, "--keyring", keyFile]);
        assert.strictEqual(noVersion.code, 2);
        assert.match(noVersion.stderr, /--version is required/);
        const noKeys = acrHelm(["verify", `${TARGET}/hello-acr`, "--version", "0.1.0"]);
        assert.strictEqual(noKeys.code, 2);
        assert.match(
            noKeys.stderr,
            /give --keyring <public keyring> \(Helm provenance\), --cosign-pub <PEM public key> \(cosign signature\) and\/or/,
        );
        const partKeyless = acrHelm(["verify", `${TARGET}/hello-acr`, "--version", "0.1.0", "--certificate-identity", "https://x"]);
        assert.strictEqual(partKeyless.code, 2);
        assert.match(partKeyless.stderr, /keyless verification needs .* together \(missing --certificate-oidc-issuer, --trusted-root\)/);
    });
});
