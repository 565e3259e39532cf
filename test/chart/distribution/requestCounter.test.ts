import * as assert from "assert";
import * as http from "http";
import { countKinds, RequestCounter, requestKind } from "../../../scripts/local/requestCounter";
import { answer, ScriptedRegistry } from "../../support/scriptedRegistry";

function get(url: string): Promise<{ status: number; challenge?: string }> {
    return new Promise((resolve, reject) => {
        http.get(url, { agent: false }, (res) => {
            res.resume();
            res.on("end", () => resolve({ status: res.statusCode ?? 0, challenge: res.headers["www-authenticate"] }));
        }).on("error", reject);
    });
}

describe("RequestCounter: requests that reach a registry, by kind, trusted only after a positive control", function () {
    this.timeout(30_000);

    it("classifies registry and token requests by method and path", () => {
        const kinds = [
            ["GET", "/v2/"],
            ["HEAD", "/v2/charts/a/b/manifests/1.0.0"],
            ["PUT", "/v2/charts/a/manifests/1.0.0"],
            ["HEAD", "/v2/charts/a/blobs/sha256:ab"],
            ["POST", "/v2/charts/a/blobs/uploads/"],
            ["PUT", "/v2/charts/a/blobs/uploads/uuid?digest=sha256%3Aab"],
            ["PATCH", "/v2/charts/a/blobs/uploads/uuid"],
            ["GET", "/v2/charts/a/tags/list?n=10"],
            ["GET", "/oauth2/token?scope=x"],
        ].map(([method, path]) => requestKind(method, path));
        assert.deepStrictEqual(
            kinds.map((k) => k.kind),
            ["base GET", "manifest HEAD", "manifest PUT", "blob HEAD", "blob POST", "blob PUT", "blob PATCH", "tags GET", "token GET"],
        );
        assert.strictEqual(kinds[1].repository, "charts/a/b");
        assert.deepStrictEqual(countKinds(kinds.slice(0, 3)), { "base GET": 1, "manifest HEAD": 1, "manifest PUT": 1 });
    });

    it("counts what passed through, leaves its own control request out, and routes the token realm through itself", async () => {
        const registry = await new ScriptedRegistry().start();
        const realm = `http://${registry.host}/oauth2/token`;
        registry.handle = (req, res) =>
            req.url?.startsWith("/v2/")
                ? answer(res, 401, { "www-authenticate": `Bearer realm="${realm}",service="s"` })
                : answer(res, 200, {});
        const counter = await RequestCounter.start({ registryHost: registry.host, tokenRealm: realm });
        try {
            const mark = await counter.mark();
            const { challenge } = await get(`http://${counter.host}/v2/charts/a/manifests/1.0.0`);
            assert.strictEqual(challenge, `Bearer realm="http://${counter.host}/oauth2/token",service="s"`);
            await get(`http://${counter.host}/oauth2/token?service=s`);
            assert.deepStrictEqual(countKinds(await counter.since(mark)), { "manifest GET": 1, "token GET": 1 });
        } finally {
            await counter.stop();
            await registry.stop();
        }
    });

    it("refuses to report anything when its own control request cannot get through", async () => {
        const registry = await new ScriptedRegistry().start();
        const counter = await RequestCounter.start({ registryHost: registry.host });
        await registry.stop();
        try {
            await assert.rejects(counter.mark());
        } finally {
            await counter.stop();
        }
    });
});
