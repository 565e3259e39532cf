import * as assert from "assert";
import * as http from "http";
import { closeSharedClients } from "../../../chart/distribution/connection";
import { OciError } from "../../../chart/distribution/errors";
import { listTags } from "../../../chart/distribution/tags";
import { answer, ScriptedRegistry } from "../../support/scriptedRegistry";
import { assertNoSecrets } from "../oci/secrets";

const PASSWORD = "realm-Secret-pa55";
const BASIC = Buffer.from(`admin:${PASSWORD}`).toString("base64");
const TOKEN = "scripted-token";

/** A registry that wants a Bearer token from `realm`, and lists one tag once it has it. */
function bearerRegistry(realm: () => string) {
    return (req: http.IncomingMessage, res: http.ServerResponse) => {
        if (req.headers.authorization !== `Bearer ${TOKEN}`) {
            const challenge = `Bearer realm="${realm()}",service="scripted",scope="repository:charts/x:pull"`;
            return answer(res, 401, { "www-authenticate": challenge });
        }
        answer(res, 200, { "content-type": "application/json" }, JSON.stringify({ name: "charts/x", tags: ["1.0.0"] }));
    };
}

function tokenService(req: http.IncomingMessage, res: http.ServerResponse): void {
    answer(res, 200, { "content-type": "application/json" }, JSON.stringify({ token: TOKEN, expires_in: 300 }));
}

describe("the token realm an https registry names: https only, on any host", function () {
    this.timeout(30_000);
    let registry: ScriptedRegistry;
    let elsewhere: ScriptedRegistry;

    // A fresh registry per test: a client remembers the challenge of each registry address.
    beforeEach(async () => {
        registry = await new ScriptedRegistry().start();
        elsewhere = await new ScriptedRegistry().start(registry);
        elsewhere.handle = tokenService;
    });
    afterEach(async () => {
        closeSharedClients();
        await registry?.stop();
        await elsewhere?.stop();
    });

    const list = () =>
        listTags({
            registry: registry.host,
            caCert: registry.caCertPem,
            credentials: { username: "admin", password: PASSWORD },
            repository: "charts/x",
            retry: { maxAttempts: 1 },
        });

    async function refused(realm: string, leaked: () => unknown[]): Promise<void> {
        const outcome: unknown = await list().then(
            (tags) => tags,
            (error: unknown) => error,
        );
        assert.deepStrictEqual(leaked(), []);
        const error = outcome as OciError;
        assert.ok(error instanceof OciError, `listed ${JSON.stringify(outcome)}`);
        assertNoSecrets(error, [PASSWORD, BASIC]);
        assert.strictEqual(error.code, "AUTH_CHALLENGE_INVALID", error.message);
        assert.ok(error.message.includes(realm), error.message);
    }

    it("a realm over http on the registry's own host is refused, and nothing is sent over http", async () => {
        const realm = `http://${registry.host}/token`;
        registry.handle = bearerRegistry(() => realm);
        await refused(realm, () => registry.requests.filter((r) => r.protocol === "http"));
    });

    it("a realm over http on another host is refused, and that host receives no request", async () => {
        const realm = `http://${elsewhere.host}/token`;
        registry.handle = bearerRegistry(() => realm);
        await refused(realm, () => elsewhere.requests);
    });

    it("decided: Basic credentials do go to an https realm on another host (a registry names its token service, as Docker Hub names auth.docker.io)", async () => {
        registry.handle = bearerRegistry(() => `https://${elsewhere.host}/token`);
        assert.deepStrictEqual(await list(), ["1.0.0"]);
        assert.deepStrictEqual(
            elsewhere.requests.map((r) => [r.protocol, r.method, r.authorization]),
            [["https", "GET", `Basic ${BASIC}`]],
        );
        assert.ok(
            registry.requests.every((r) => r.authorization !== `Basic ${BASIC}`),
            "the registry itself only sees the token",
        );
    });
});
