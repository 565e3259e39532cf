import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { repoRoot } from "../support/paths";

/** A string or template literal that starts a distribution API path, outside comments. */
const API_PATH_LITERAL = /[`"']\/v2\//;

function sourceFiles(dir: string): string[] {
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
        const file = path.join(dir, entry.name);
        if (entry.isDirectory()) return sourceFiles(file);
        return entry.name.endsWith(".ts") ? [file] : [];
    });
}

describe("registry URLs are built in one place", () => {
    it("no file of chart/ but chart/distribution/registryPaths.ts writes a /v2/ path", () => {
        const offenders = sourceFiles(path.join(repoRoot, "chart"))
            .filter((file) => !file.endsWith(path.join("distribution", "registryPaths.ts")))
            .flatMap((file) =>
                fs
                    .readFileSync(file, "utf8")
                    .split("\n")
                    .map((line, index) => ({ line: line.trim(), at: `${path.relative(repoRoot, file)}:${index + 1}` }))
                    .filter(
                        ({ line }) =>
                            !line.startsWith("*") && !line.startsWith("/*") && !line.startsWith("//") && API_PATH_LITERAL.test(line),
                    )
                    .map(({ at }) => at),
            );
        assert.deepStrictEqual(offenders, []);
    });
});
