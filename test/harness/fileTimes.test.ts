import * as assert from "assert";
import { timingTable } from "./fileTimes";

describe("the per-file timing table printed after a run", () => {
    it("adds up each file's stretches and lists the files slowest first, with the total", () => {
        const table = timingTable([
            { file: "dist/test/a.test.js", tests: 2, ms: 1200 },
            { file: "dist/test/catalog/search.test.js", tests: 5, ms: 30_000 },
            // a second top-level describe of a.test.js: its hooks and tests count toward the same file
            { file: "dist/test/a.test.js", tests: 1, ms: 2900 },
            { file: "dist/test/b.test.js", tests: 0, ms: 40 },
        ]);
        assert.strictEqual(
            table,
            [
                "",
                "  Time per test file, slowest first:",
                "",
                "  file                              tests  seconds",
                "  dist/test/catalog/search.test.js      5     30.0",
                "  dist/test/a.test.js                   3      4.1",
                "  dist/test/b.test.js                   0      0.0",
                "  total (3 files)                       8     34.1",
                "",
            ].join("\n"),
        );
    });

    it("is empty when nothing ran", () => {
        assert.strictEqual(timingTable([]), "");
    });
});
