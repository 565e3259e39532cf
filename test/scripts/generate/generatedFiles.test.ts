import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { generatedFiles } from "../../../scripts/generate/generatedFiles";
import { repoRoot } from "../../support/paths";

// The contract's TypeScript types, docs/reference/ and docs/cli.md are generated from provider/schema.json and the
// CLI's help: a change to either without `npm run generate`, or a hand edit of a generated file, fails here.
describe("files generated from the schema and the CLI's help", () => {
    it("are each what `npm run generate` writes now", async () => {
        const stale = (await generatedFiles())
            .filter((file) => {
                const committed = path.join(repoRoot, file.path);
                return !fs.existsSync(committed) || fs.readFileSync(committed, "utf8") !== file.text;
            })
            .map((file) => file.path);
        assert.deepStrictEqual(stale, [], "run `npm run generate` and commit the result");
    });

    it("leave no page behind for a resource the schema no longer has", async () => {
        const expected = (await generatedFiles()).map((file) => file.path).filter((file) => file.startsWith("docs/reference/"));
        const present = fs.readdirSync(path.join(repoRoot, "docs", "reference")).map((name) => `docs/reference/${name}`);
        assert.deepStrictEqual(present.sort(), expected.sort());
    });
});
