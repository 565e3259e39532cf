import * as assert from "assert";
import * as http from "http";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { answer, ScriptedRegistry } from "../../support/scriptedRegistry";

const FIRST = "/v2/charts/loop/tags/list?n=2";
const SECOND = "/v2/charts/loop/tags/list?last=2.0.0&n=2";

/** Two pages that repeat a tag; the second page's Link is `back`: a page already read, spelled some way. */
function loopingPages(back: (host: string) => string, host: () => string) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
        const first = !String(req.url).includes("last=");
        const link = first ? SECOND : back(host());
        answer(
            res,
            200,
            { "content-type": "application/json", link: `<${link}>; rel="next"` },
            JSON.stringify({ name: "charts/loop", tags: first ? ["1.0.0", "2.0.0"] : ["2.0.0", "3.0.0"] }),
        );
    };
}

describe("a tag list whose Link pages lead back to a page already read", function () {
    this.timeout(30_000);
    let registry: ScriptedRegistry;

    before(async () => {
        registry = await new ScriptedRegistry().start();
    });
    after(async () => {
        closeSharedClients();
        await registry?.stop();
    });
    beforeEach(() => {
        registry.requests.length = 0;
    });

    const list = () =>
        listTags({ registry: registry.host, plainHttp: true, repository: "charts/loop", pageSize: 2, retry: { maxAttempts: 1 } });

    it("stops at the first page seen again, and lists each tag once in first-seen order", async () => {
        registry.handle = loopingPages(
            () => FIRST,
            () => registry.host,
        );
        assert.deepStrictEqual(await list(), ["1.0.0", "2.0.0", "3.0.0"]);
        assert.deepStrictEqual(
            registry.requests.map((r) => r.path),
            [FIRST, SECOND],
        );
    });

    it("knows a page again when linked as an absolute URL on the registry, its query in another order", async () => {
        registry.handle = loopingPages(
            (host) => `http://${host}/v2/charts/loop/tags/list?n=2&last=2.0.0`,
            () => registry.host,
        );
        assert.deepStrictEqual(await list(), ["1.0.0", "2.0.0", "3.0.0"]);
        assert.strictEqual(registry.requests.length, 2);
    });

    it("a registry that links to a new page forever is given up on with an error, after a bounded number of requests", async () => {
        let page = 0;
        registry.handle = (_req, res) => {
            page++;
            answer(
                res,
                200,
                { "content-type": "application/json", link: `</v2/charts/loop/tags/list?last=t${page}&n=2>; rel="next"` },
                JSON.stringify({ name: "charts/loop", tags: [`0.0.${page}`] }),
            );
        };
        const outcome: unknown = await list().then(
            (tags) => tags,
            (error: unknown) => error,
        );
        assert.ok(outcome instanceof OciError, `listed ${JSON.stringify(outcome)?.slice(0, 200)}`);
        assert.match(outcome.message, /more than 1000 pages/);
        assert.strictEqual(registry.requests.length, 1000);
    });
});
