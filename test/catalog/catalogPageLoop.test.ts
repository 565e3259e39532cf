import * as assert from "assert";
import * as http from "http";
import { listRepositories } from "../../chart/catalog/repositories";
import { RegistryClient } from "../../chart/distribution/client";
import { OciError } from "../../chart/distribution/errors";
import { answer, ScriptedRegistry } from "../support/scriptedRegistry";

const FIRST = "/v2/_catalog?n=2";
const SECOND = "/v2/_catalog?last=b%2Fone&n=2";

/** Two catalog pages that repeat a name; the second one's Link is `next` (the first page, or elsewhere). */
function catalogPages(next: () => string) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
        const first = !String(req.url).includes("last=");
        answer(
            res,
            200,
            { "content-type": "application/json", link: `<${first ? SECOND : next()}>; rel="next"` },
            JSON.stringify({ repositories: first ? ["b/one", "a/two"] : ["a/two", "c/three"] }),
        );
    };
}

describe("a catalog whose Link pages lead back to a page already read", function () {
    this.timeout(60_000);
    let registry: ScriptedRegistry;
    let elsewhere: ScriptedRegistry;
    let client: RegistryClient;

    before(async () => {
        registry = await new ScriptedRegistry().start();
        elsewhere = await new ScriptedRegistry().start(registry);
    });
    after(async () => {
        await registry?.stop();
        await elsewhere?.stop();
    });
    beforeEach(() => {
        registry.requests.length = 0;
        elsewhere.requests.length = 0;
        client = new RegistryClient({ registry: registry.host, plainHttp: true, retry: { maxAttempts: 1 } });
    });
    afterEach(() => client.close());

    it("stops at the first page seen again, and lists each repository once, sorted", async () => {
        registry.handle = catalogPages(() => FIRST);
        assert.deepStrictEqual(await listRepositories(client, "", 2), ["a/two", "b/one", "c/three"]);
        assert.deepStrictEqual(
            registry.requests.map((r) => r.path),
            [FIRST, SECOND],
        );
    });

    it("a Link to another host is not followed: that host receives no request", async () => {
        registry.handle = catalogPages(() => `http://${elsewhere.host}/v2/_catalog?last=c%2Fthree&n=2`);
        const outcome: unknown = await listRepositories(client, "", 2).then(
            (names) => names,
            (error: unknown) => error,
        );
        assert.deepStrictEqual(elsewhere.requests, []);
        assert.ok(outcome instanceof OciError, `listed ${JSON.stringify(outcome)}`);
        assert.strictEqual(outcome.code, "LOCATION_INVALID", outcome.message);
        assert.ok(outcome.message.includes(`http://${elsewhere.host}`), outcome.message);
    });
});
