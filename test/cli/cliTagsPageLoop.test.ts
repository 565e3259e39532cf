import * as assert from "assert";
import * as http from "http";
import { acrHelm } from "../support/cliRunner";
import { answer, basicChallenge, ScriptedRegistry } from "../support/scriptedRegistry";

const env = { ACR_HELM_USERNAME: "admin", ACR_HELM_PASSWORD: "loop-pa55" };

describe("acr-helm tags against a registry whose tag pages link back to the first", function () {
    this.timeout(60_000);
    let registry: ScriptedRegistry;

    before(async () => {
        registry = await new ScriptedRegistry().start();
        // Every answer holds the same versions and links to the first page again, as one broken registry did.
        registry.handle = (req: http.IncomingMessage, res: http.ServerResponse) => {
            if (basicChallenge(req, res)) return;
            answer(
                res,
                200,
                { "content-type": "application/json", link: '</v2/charts/loop/tags/list?n=1000>; rel="next"' },
                JSON.stringify({ name: "charts/loop", tags: ["1.0.0", "1.2.0", "0.9.0"] }),
            );
        };
    });
    after(async () => {
        await registry?.stop();
    });

    it("prints each version once, highest first", async () => {
        const run = await acrHelm(["tags", `oci://${registry.host}/charts/loop`, "--plain-http"], "", env);
        assert.strictEqual(run.code, 0, run.stderr);
        assert.strictEqual(run.stdout, "1.2.0\n1.0.0\n0.9.0\n");
    });
});
