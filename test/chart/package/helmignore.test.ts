import * as assert from "assert";
import * as path from "path";
import { ChartError } from "../../../chart/model/errors";
import { goFilepathMatch, HelmIgnore } from "../../../chart/load/helmignore";
import { packageChart } from "../../../chart/packaging/package";
import { entryNames, minimalChart, readTarGz, TempDirs, writeFiles } from "./support";

// Cases from Go's path/filepath match_test.go; "bad" means Go returns ErrBadPattern.
const goMatchCases: [string, string, boolean | "bad"][] = [
    ["abc", "abc", true],
    ["*", "abc", true],
    ["*c", "abc", true],
    ["a*", "a", true],
    ["a*", "abc", true],
    ["a*", "ab/c", false],
    ["a*/b", "abc/b", true],
    ["a*/b", "a/c/b", false],
    ["a*b*c*d*e*/f", "axbxcxdxe/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/f", true],
    ["a*b*c*d*e*/f", "axbxcxdxe/xxx/f", false],
    ["a*b*c*d*e*/f", "axbxcxdxexxx/fff", false],
    ["a*b?c*x", "abxbbxdbxebxczzx", true],
    ["a*b?c*x", "abxbbxdbxebxczzy", false],
    ["ab[c]", "abc", true],
    ["ab[b-d]", "abc", true],
    ["ab[e-g]", "abc", false],
    ["ab[^c]", "abc", false],
    ["ab[^b-d]", "abc", false],
    ["ab[^e-g]", "abc", true],
    ["a\\*b", "a*b", true],
    ["a\\*b", "ab", false],
    ["a?b", "a☺b", true],
    ["a[^a]b", "a☺b", true],
    ["a???b", "a☺b", false],
    ["a[^a][^a][^a]b", "a☺b", false],
    ["[a-ζ]*", "α", true],
    ["*[a-ζ]", "A", false],
    ["a?b", "a/b", false],
    ["a*b", "a/b", false],
    ["[\\]a]", "]", true],
    ["[\\-]", "-", true],
    ["[x\\-]", "x", true],
    ["[x\\-]", "-", true],
    ["[x\\-]", "z", false],
    ["[\\-x]", "x", true],
    ["[\\-x]", "-", true],
    ["[\\-x]", "a", false],
    ["[]a]", "]", "bad"],
    ["[-]", "-", "bad"],
    ["[x-]", "x", "bad"],
    ["[x-]", "z", "bad"],
    ["[-x]", "x", "bad"],
    ["\\", "a", "bad"],
    ["[a-b-c]", "a", "bad"],
    ["[", "a", "bad"],
    ["[^", "a", "bad"],
    ["[^bc", "a", "bad"],
    ["a[", "a", "bad"],
    ["a[", "ab", "bad"],
    ["a[", "x", "bad"],
    ["a/b[", "x", "bad"],
    ["*x", "xxx", true],
];

// Helm's pkg/ignore/rules_test.go TestIgnore table: [rule, path, isDir, ignored].
const helmIgnoreCases: [string, string, boolean, boolean][] = [
    ["helm.txt", "helm.txt", false, true],
    ["helm.*", "helm.txt", false, true],
    ["helm.*", "rudder.txt", false, false],
    ["*.txt", "tiller.txt", false, true],
    ["*.txt", "cargo/a.txt", false, true],
    ["cargo/*.txt", "cargo/a.txt", false, true],
    ["cargo/*.*", "cargo/a.txt", false, true],
    ["cargo/*.txt", "mast/a.txt", false, false],
    ["ru[c-e]?er.txt", "rudder.txt", false, true],
    ["templates/.?*", "templates/.dotfile", false, true],
    [".*", ".", true, false],
    [".*", "./", true, false],
    [".*", ".joonix", false, true],
    [".*", "helm.txt", false, false],
    [".*", "", true, false],
    ["cargo/", "cargo", true, true],
    ["cargo/", "cargo/", true, true],
    ["cargo/", "mast/", true, false],
    ["helm.txt/", "helm.txt", false, false],
    ["!helm.txt", "helm.txt", false, false],
    ["!helm.txt", "tiller.txt", false, true],
    ["!*.txt", "cargo", true, true],
    ["!cargo/", "mast/", true, true],
    ["/a.txt", "a.txt", false, true],
    ["/a.txt", "cargo/a.txt", false, false],
    ["/cargo/a.txt", "cargo/a.txt", false, true],
];

describe("Go filepath.Match port", () => {
    for (const [pattern, name, expected] of goMatchCases) {
        it(`${JSON.stringify(pattern)} vs ${JSON.stringify(name)} -> ${expected}`, () => {
            if (expected === "bad") assert.throws(() => goFilepathMatch(pattern, name));
            else assert.strictEqual(goFilepathMatch(pattern, name), expected);
        });
    }
});

describe(".helmignore rules", () => {
    const temp = new TempDirs();
    after(() => temp.removeAll());

    for (const [rule, relPath, isDir, ignored] of helmIgnoreCases) {
        it(`rule ${JSON.stringify(rule)} ${ignored ? "ignores" : "keeps"} ${JSON.stringify(relPath)}${isDir ? " (dir)" : ""}`, () => {
            assert.strictEqual(HelmIgnore.parse(rule).ignores(relPath, isDir), ignored);
        });
    }

    it("skips comments and blank lines, trims spaces and CRLF, and always adds templates/.?*", () => {
        const rules = HelmIgnore.parse("# comment\r\n\r\n   *.bak   \r\n\t# indented comment\n");
        assert.deepStrictEqual(
            rules.rules.map((r) => r.raw),
            ["*.bak", "templates/.?*"],
        );
        assert.strictEqual(rules.rules[0].line, 3);
        assert.ok(rules.ignores("templates/.swp", false));
        assert.ok(!rules.ignores("charts/sub/templates/.swp", false), "the default rule is anchored at the chart root");
    });

    it("rejects ** with the line number and a fix", () => {
        assert.throws(
            () => HelmIgnore.parse("ok.txt\nfoo/**/bar\n", "my/.helmignore"),
            (err: unknown) => {
                assert.ok(err instanceof ChartError);
                assert.match(
                    err.message,
                    /my\/\.helmignore line 2: "foo\/\*\*\/bar" uses "\*\*", which Helm does not support; use single-level globs/,
                );
                assert.strictEqual(err.file, "my/.helmignore");
                return true;
            },
        );
    });

    it("rejects a malformed glob with the line number", () => {
        assert.throws(() => HelmIgnore.parse("[z-\n", ".helmignore"), /\.helmignore line 1: "\[z-" is not a valid glob pattern/);
    });

    it("skips ignored directories entirely and keeps files that only look like them", async () => {
        const dir = temp.make();
        writeFiles(dir, {
            ...minimalChart("ign"),
            ".helmignore": "build/\n/top.txt\n*.tmp\n",
            "build/out.yaml": "x",
            "files/build": "regular file named build",
            "top.txt": "x",
            "files/top.txt": "nested",
            "files/a.tmp": "x",
            "templates/.hidden.yaml": "x",
        });
        const names = entryNames(await readTarGz((await packageChart(dir)).archive));
        assert.deepStrictEqual(names, [
            "ign/Chart.yaml",
            "ign/values.yaml",
            "ign/.helmignore",
            "ign/files/build",
            "ign/files/top.txt",
            "ign/templates/configmap.yaml",
        ]);
    });

    it("explains when a rule excludes Chart.yaml, as Helm's literal negation does", async () => {
        const dir = temp.make();
        writeFiles(dir, { ...minimalChart("neg"), ".helmignore": "*.txt\n!keep.txt\n" });
        await assert.rejects(packageChart(dir), (err: unknown) => {
            assert.ok(err instanceof ChartError);
            assert.strictEqual(err.file, path.join(dir, ".helmignore"));
            assert.match(
                err.message,
                /line 2: rule "!keep.txt" excludes Chart\.yaml \(Helm ignores every path that does not match a "!" rule\); change or remove the rule/,
            );
            return true;
        });
    });
});
