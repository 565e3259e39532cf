import * as assert from "assert";
import * as http from "http";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { answer, basicChallenge, ScriptedRegistry } from "../../support/scriptedRegistry";
import { assertNoSecrets } from "../oci/secrets";

const PASSWORD = "tags-Secret-pa55";
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString("base64");

/** Page 1 holds 1.0.0 and links to `next`; any later page holds 2.0.0. */
function pages(next: () => string) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (basicChallenge(req, res)) return;
        const first = !String(req.url).includes("last=");
        const headers: Record<string, string> = { "content-type": "application/json" };
        if (first) headers.link = `<${next()}>; rel="next"`;
        answer(res, 200, headers, JSON.stringify({ name: "charts/x", tags: [first ? "1.0.0" : "2.0.0"] }));
    };
}

describe("a tag list Link: rel=next is followed only on the registry's own origin", function () {
    this.timeout(30_000);
    let registry: ScriptedRegistry;
    let elsewhere: ScriptedRegistry;

    before(async () => {
        registry = await new ScriptedRegistry().start();
        elsewhere = await new ScriptedRegistry().start(registry);
        elsewhere.handle = pages(() => "unused");
    });
    after(async () => {
        closeSharedClients();
        await registry?.stop();
        await elsewhere?.stop();
    });
    beforeEach(() => {
        registry.requests.length = 0;
        elsewhere.requests.length = 0;
    });

    const list = () =>
        listTags({
            registry: registry.host,
            caCert: registry.caCertPem,
            credentials: { username: "admin", password: PASSWORD },
            repository: "charts/x",
            retry: { maxAttempts: 1 },
        });

    /** Lists, then checks that `leaked` saw nothing before checking the refusal itself. */
    async function refused(origin: string, leaked: () => unknown[]): Promise<void> {
        const outcome: unknown = await list().then(
            (tags) => tags,
            (error: unknown) => error,
        );
        assert.deepStrictEqual(leaked(), []);
        const error = outcome as OciError;
        assert.ok(error instanceof OciError, `listed ${JSON.stringify(outcome)}`);
        assertNoSecrets(error, [PASSWORD, BASIC]);
        assert.strictEqual(error.code, "LOCATION_INVALID", error.message);
        assert.ok(error.message.includes(origin), error.message);
    }

    it("a relative next link on the same registry is followed (the paging works)", async () => {
        registry.handle = pages(() => "/v2/charts/x/tags/list?last=1.0.0&n=1000");
        assert.deepStrictEqual(await list(), ["1.0.0", "2.0.0"]);
    });

    it("a next link to another host is refused, and that host receives no request", async () => {
        registry.handle = pages(() => `https://${elsewhere.host}/v2/charts/x/tags/list?last=1.0.0`);
        await refused(`https://${elsewhere.host}`, () => elsewhere.requests);
    });

    it("a next link to http on an https registry is refused, and nothing is sent over http", async () => {
        registry.handle = pages(() => `http://${registry.host}/v2/charts/x/tags/list?last=1.0.0`);
        await refused(`http://${registry.host}`, () => registry.requests.filter((r) => r.protocol === "http"));
    });
});
