import * as assert from "assert";
import { installedTool } from "../support/tools";

describe("a tool scripts/setup-tools.sh has not installed", () => {
    it("fails at once, naming the command that builds it", () => {
        assert.throws(
            () => installedTool("no-such-tool"),
            /^Error: no-such-tool is not installed \(.*\.tools\/bin\/no-such-tool is missing\): run `bash scripts\/setup-tools\.sh no-such-tool`$/,
        );
        assert.throws(() => installedTool("no-such-server", "kubernetes"), /run `bash scripts\/setup-tools\.sh kubernetes`/);
    });
});
