import * as assert from "assert";
import { goFloat32String, goScalarString } from "../../../chart/model/goYamlScalars";
import { isHelmVersion } from "../../../chart/model/helmVersion";

describe("reading Chart.yaml values the way Helm's Go code reads them", () => {
    it("chart versions: Masterminds semver NewVersion's grammar, which helm package uses (verdicts taken from Go)", () => {
        for (const version of [
            "0.1.0",
            "v0.1.0",
            "1.2",
            "1",
            "v1",
            "01.2.3",
            "1.2.3-rc.1+build.5",
            "1.2.3-0",
            "1.2.3-alpha.01a",
            "v0.0.0-latest",
        ]) {
            assert.ok(isHelmVersion(version), version);
        }
        for (const version of [
            "",
            "v",
            "1.2.3.4",
            "1.0.0-01",
            "1.2.3+",
            "1.2.3-",
            "latest",
            " 1.2.3",
            "1.2.3 ",
            "=1.2.3",
            "^1.2.3",
            "1.2.x",
            "18446744073709551616.0.0",
            "1".repeat(257),
        ]) {
            assert.ok(!isHelmVersion(version), JSON.stringify(version));
        }
    });

    it("floats as strconv.FormatFloat(v, 'g', -1, 32) writes them (outputs taken from Go)", () => {
        const fromGo: [number, string][] = [
            [1.0, "1"],
            [1.1, "1.1"],
            [0.1, "0.1"],
            [2.5, "2.5"],
            [1000000, "1e+06"],
            [123456, "123456"],
            [1234567, "1.234567e+06"],
            [0.0001, "0.0001"],
            [0.00001, "1e-05"],
            [3.14159265, "3.1415927"],
            [-2.75, "-2.75"],
            [1e21, "1e+21"],
            [16777217, "1.6777216e+07"],
        ];
        for (const [value, expected] of fromGo) assert.strictEqual(goFloat32String(value), expected, String(value));
    });

    it("integers, booleans and text as Go's string fields get them; lists and mappings are not text", () => {
        assert.strictEqual(goScalarString(10n), "10");
        assert.strictEqual(goScalarString(true), "true");
        assert.strictEqual(goScalarString("1.10"), "1.10");
        assert.strictEqual(goScalarString([1]), undefined);
        assert.strictEqual(goScalarString({ a: 1 }), undefined);
    });
});
