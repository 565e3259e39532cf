import * as assert from "assert";
import { parseChallenge } from "../../../chart/distribution/auth/challenge";
import { ACR_NULL_GUID_USERNAME, normalizeCredentials } from "../../../chart/distribution/auth/credentials";
import { OciError } from "../../../chart/distribution/errors";
import { chartRepository, tagToVersion, versionToTag } from "../../../chart/helmOci/reference";
import { parseOciRef, validateRepositoryName } from "../../../chart/distribution/names";
import { backoffDelayMs, resolveRetryOptions, retryAfterMs } from "../../../chart/distribution/http/retry";
import { jwtExpiry, TokenCache, tokenFromResponse } from "../../../chart/distribution/auth/tokens";

function fakeJwt(payload: object): string {
    const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
    return `${part({ alg: "RS256" })}.${part(payload)}.c2ln`;
}

describe("WWW-Authenticate parsing", () => {
    it("keeps commas, spaces and escaped quotes inside quoted values", () => {
        const challenge = parseChallenge(
            'Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io",scope="repository:a/b:pull,push repository:c:pull",error="insufficient_scope",note="say \\"hi\\", ok"',
        );
        assert.strictEqual(challenge?.scheme, "bearer");
        assert.deepStrictEqual(challenge?.params, {
            realm: "https://r.azurecr.io/oauth2/token",
            service: "r.azurecr.io",
            scope: "repository:a/b:pull,push repository:c:pull",
            error: "insufficient_scope",
            note: 'say "hi", ok',
        });
    });

    it("handles Basic, unquoted tokens, odd spacing and missing headers", () => {
        assert.deepStrictEqual(parseChallenge('basic realm="Registry Realm"'), { scheme: "basic", params: { realm: "Registry Realm" } });
        assert.deepStrictEqual(parseChallenge("Bearer  realm = https://x/token , service=x"), {
            scheme: "bearer",
            params: { realm: "https://x/token", service: "x" },
        });
        assert.strictEqual(parseChallenge(undefined), undefined);
        assert.strictEqual(parseChallenge("Negotiate")?.scheme, "other");
    });
});

describe("token lifetimes", () => {
    it("prefers the JWT exp claim over expires_in and refreshes a tenth of the lifetime early", () => {
        const now = 1_700_000_000_000;
        const token = fakeJwt({ exp: now / 1000 + 4500 });
        assert.strictEqual(jwtExpiry(token), now + 4_500_000);
        assert.strictEqual(tokenFromResponse(token, 60, now).refreshAt, now + 4_500_000 - 60_000);
        assert.strictEqual(tokenFromResponse("opaque", 100, now).refreshAt, now + 100_000 - 10_000);
        assert.strictEqual(tokenFromResponse("opaque", undefined, now).refreshAt, now + 60_000 - 6_000);
    });

    it("serves a pull request from a cached pull,push token of the same repository, never from another repository", () => {
        const cache = new TokenCache();
        cache.set("repository:a/b:pull,push", { token: "T", refreshAt: Date.now() + 60_000 });
        assert.strictEqual(cache.get("repository:a/b:pull"), "T");
        assert.strictEqual(cache.get("repository:a/bc:pull"), undefined);
        assert.strictEqual(cache.get("repository:a/b:delete"), undefined);
        cache.delete("repository:a/b:pull");
        assert.strictEqual(cache.get("repository:a/b:pull,push"), undefined);
    });

    it("drops expired tokens", () => {
        const cache = new TokenCache();
        cache.set("repository:x:pull", { token: "old", refreshAt: 1000 });
        assert.strictEqual(cache.get("repository:x:pull", 999), "old");
        assert.strictEqual(cache.get("repository:x:pull", 1000), undefined);
    });
});

describe("references and names", () => {
    it("parses oci:// references and validates host and repository", () => {
        assert.deepStrictEqual(parseOciRef("oci://MyAcr.azurecr.io/helm/hello-acr"), {
            registry: "myacr.azurecr.io",
            repository: "helm/hello-acr",
        });
        assert.deepStrictEqual(parseOciRef("oci://127.0.0.1:5000/a/"), { registry: "127.0.0.1:5000", repository: "a" });
        assert.throws(() => parseOciRef("https://r/a"), /oci:\/\/<registry>\/<repository>/);
        assert.throws(
            () => parseOciRef("oci://r.io/Helm/App"),
            (e: OciError) => e.code === "NAME_INVALID" && /"helm\/app"/.test(e.message),
        );
    });

    it("accepts distribution-spec names and rejects the rest", () => {
        for (const ok of ["a", "helm/hello-acr", "a.b/c__d/e--f", "x0/y_z"]) validateRepositoryName(ok);
        for (const bad of ["", "A", "a//b", "-a", "a-", "a/", "a b", "a:b", "a/.b", "a___b"]) {
            assert.throws(() => validateRepositoryName(bad, "r.io"), /is not a valid OCI repository name/, bad);
        }
    });

    it("maps + to _ for tags and back, and refuses versions that cannot be tags", () => {
        assert.strictEqual(versionToTag("1.2.3+build.4"), "1.2.3_build.4");
        assert.strictEqual(tagToVersion("1.2.3_build.4"), "1.2.3+build.4");
        assert.throws(() => versionToTag("1.0.0/x"), /cannot be used as an OCI tag/);
        assert.strictEqual(chartRepository("/helm/", "app"), "helm/app");
        assert.strictEqual(chartRepository(undefined, "app"), "app");
    });
});

describe("credentials and retry policy", () => {
    it("treats the null-GUID user as an ACR refresh token", () => {
        assert.deepStrictEqual(normalizeCredentials({ username: ACR_NULL_GUID_USERNAME, password: "rt" }), {
            kind: "refreshToken",
            refreshToken: "rt",
        });
        assert.deepStrictEqual(normalizeCredentials(undefined), { kind: "anonymous" });
        assert.deepStrictEqual(normalizeCredentials({ username: "u", password: "p" }), { kind: "basic", username: "u", password: "p" });
    });

    it("reads Retry-After as seconds or date, caps it, and backs off exponentially otherwise", () => {
        const response = (value?: string) => ({ status: 429, headers: value ? { "retry-after": value } : {}, body: Buffer.alloc(0) });
        assert.strictEqual(retryAfterMs(response("7")), 7000);
        assert.strictEqual(retryAfterMs(response(new Date(Date.now() + 5000).toUTCString()))! > 3000, true);
        const options = resolveRetryOptions({ baseDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 2000 });
        assert.strictEqual(backoffDelayMs(1, options, response("3600")), 2000);
        const third = backoffDelayMs(3, options);
        assert.ok(third >= 320 && third <= 480, String(third));
        assert.ok(backoffDelayMs(10, options) <= 1200);
    });
});
