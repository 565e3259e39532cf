import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../support/paths";
import { SDK_SUITE_LIMIT_MINUTES, suiteDeadline } from "../support/suiteDeadline";
import { SDK_LANGUAGES, listFiles, run, sdkDir, tempDir } from "./sdkSupport";

// sdk/ is generated from provider/schema.json by `npm run generate:sdk`; a schema change without regenerating,
// or a hand edit of a generated file, fails here.
describe("generated SDKs", function () {
    suiteDeadline(this, SDK_SUITE_LIMIT_MINUTES);
    // The first run builds the generator (scripts/setup-tools.sh sdk-gen).
    this.timeout(10 * 60_000);
    let generated: { dir: string; remove: () => void };

    before(async function () {
        generated = tempDir("sdk");
        await run("bash", [path.join(repoRoot, "scripts", "generate-sdk.sh"), generated.dir]);
    });

    after(() => generated?.remove());

    for (const language of SDK_LANGUAGES) {
        it(`sdk/${language} is what the generator writes from provider/schema.json`, function () {
            const committedDir = path.join(sdkDir, language);
            const freshDir = path.join(generated.dir, language);
            const committed = listFiles(committedDir);
            const fresh = listFiles(freshDir);
            const hint = "run `npm run generate:sdk` and commit sdk/";
            assert.deepStrictEqual(committed, fresh, `files of sdk/${language} differ from the generator's: ${hint}`);
            const changed = fresh.filter(
                (file) => !fs.readFileSync(path.join(committedDir, file)).equals(fs.readFileSync(path.join(freshDir, file))),
            );
            assert.deepStrictEqual(changed, [], `sdk/${language} files differ from the generator's: ${hint}`);
        });
    }
});
