import * as assert from "assert";
import { alignedBase64, assertNoSecretsIn, findSecrets, KnownSecret, secretForms } from "../../scripts/local/secretScanner";

const PASSWORD: KnownSecret = { name: "registry password", value: "reg/Pa55+word?>x", username: "admin" };
const TOKEN: KnownSecret = { name: "cluster token", value: "tok-3f9a1c7e5b2d" };

const b64 = (text: string) => Buffer.from(text).toString("base64");
const b64url = (text: string) => Buffer.from(text).toString("base64url");

/** A kubeconfig holding the token, base64-encoded as a whole as it is inside a Secret's data; `pad` moves the token's offset. */
function kubeconfigBlob(token: string, pad: string): string {
    return b64(`apiVersion: v1\nkind: Config\n${pad}users:\n- name: u\n  user:\n    token: ${token}\ncurrent-context: c\n`);
}

/** A docker config.json with the password in its Basic auth, itself base64-encoded as a whole (.dockerconfigjson). */
function dockerConfigBlob(username: string, password: string, pad: string): string {
    const auth = b64(`${username}:${password}`);
    return b64(JSON.stringify({ auths: { [`registry${pad}.example`]: { username, password, auth } } }));
}

describe("the secret scanner finds a secret in each spelling that gives it away, and nothing else", () => {
    it("finds each form, naming the form and the text, never the value", () => {
        const texts = [
            { where: "raw", text: `password: ${PASSWORD.value}\n` },
            { where: "url", text: `https://admin:${encodeURIComponent(PASSWORD.value)}@registry.example/v2/` },
            { where: "json", text: JSON.stringify({ notes: `a\n${'quote"d'}${TOKEN.value}\n` }) },
            { where: "basic", text: `Authorization: Basic ${b64(`admin:${PASSWORD.value}`)}` },
            { where: "base64", text: `data:\n  password: ${b64(PASSWORD.value)}\n` },
            { where: "base64url", text: `?p=${b64url(PASSWORD.value)}&` },
            { where: "clean", text: "nothing to see here, admin" },
        ];
        const findings = findSecrets(texts, [PASSWORD, TOKEN]);
        assert.deepStrictEqual(findings, [
            { secret: "registry password", form: "raw", where: "raw" },
            { secret: "registry password", form: "url-encoded", where: "url" },
            { secret: "registry password", form: "basic-auth", where: "basic" },
            { secret: "registry password", form: "base64", where: "base64" },
            { secret: "registry password", form: "base64url", where: "base64url" },
            { secret: "cluster token", form: "raw", where: "json" },
        ]);
        for (const finding of findings) assert.ok(!JSON.stringify(finding).includes(PASSWORD.value));
    });

    it("finds a JSON-escaped value that contains a quote and a newline", () => {
        const secret = { name: "multi-line key", value: 'line "one"\nline two' };
        assert.deepStrictEqual(findSecrets([{ where: "state", text: JSON.stringify({ key: secret.value }) }], [secret]), [
            { secret: "multi-line key", form: "json-escaped", where: "state" },
        ]);
    });

    for (const pad of ["", "#\n", "##\n"]) {
        it(`finds a token inside a base64-encoded kubeconfig and a password inside a base64-encoded docker config.json (${pad.length} byte(s) of padding)`, () => {
            const findings = findSecrets(
                [
                    { where: "kubeconfig secret", text: `data:\n  config: ${kubeconfigBlob(TOKEN.value, pad)}\n` },
                    { where: "dockerconfigjson", text: `{".dockerconfigjson":"${dockerConfigBlob("admin", PASSWORD.value, pad)}"}` },
                ],
                [TOKEN, PASSWORD],
            );
            assert.deepStrictEqual(
                findings.map((finding) => `${finding.secret} in ${finding.where}`),
                ["cluster token in kubeconfig secret", "registry password in dockerconfigjson"],
            );
            // "base64" when the blob's next bits happen to match the lone value's padding
            for (const finding of findings) assert.match(finding.form, /^base64(@[012])?$/);
        });
    }

    it("covers all three byte alignments of a value inside a blob, in both alphabets", () => {
        const value = Buffer.from(PASSWORD.value);
        for (const before of ["", "x", "xy", "xyz", "wxyz"]) {
            const blob = Buffer.concat([Buffer.from(before), value, Buffer.from("tail")]);
            const alignment = (before.length % 3) as 0 | 1 | 2;
            assert.ok(blob.toString("base64").includes(alignedBase64(value, alignment)), `offset ${before.length}`);
            assert.ok(blob.toString("base64url").includes(alignedBase64(value, alignment).replace(/\+/g, "-").replace(/\//g, "_")));
        }
        assert.deepStrictEqual(
            secretForms(PASSWORD).map((form) => form.form),
            // base64url@2 is left out: at that alignment the two alphabets spell the value alike
            ["raw", "url-encoded", "basic-auth", "base64", "base64url", "base64@0", "base64url@0", "base64@1", "base64url@1", "base64@2"],
        );
    });

    it("does not find a near miss: the value with one character changed, in any form, or its username alone", () => {
        const nearMiss = PASSWORD.value.replace("5", "6");
        const texts = [
            { where: "raw", text: nearMiss },
            { where: "url", text: encodeURIComponent(nearMiss) },
            { where: "basic", text: b64(`admin:${nearMiss}`) },
            { where: "blob", text: dockerConfigBlob("admin", nearMiss, "#") },
            { where: "user", text: b64("admin:") },
        ];
        assert.deepStrictEqual(findSecrets(texts, [PASSWORD]), []);
    });

    it("assertNoSecretsIn reports the secret's name, form and text without the value; short secrets are refused", () => {
        assert.throws(
            () => assertNoSecretsIn([{ where: "up output", text: kubeconfigBlob(TOKEN.value, "#\n") }], [TOKEN], "pulumi's output"),
            (error: Error) =>
                /^secrets found in pulumi's output:\n {2}cluster token as base64(@[012])? in up output$/.test(error.message) &&
                !error.message.includes(TOKEN.value),
        );
        assert.doesNotThrow(() => assertNoSecretsIn([{ where: "up output", text: "clean" }], [TOKEN]));
        assert.throws(() => findSecrets([], [{ name: "pin", value: "1234" }]), /"pin" is shorter than 8 characters/);
    });
});
