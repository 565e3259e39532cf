import * as assert from "assert";
import * as os from "os";
import * as path from "path";
import { timeouts } from "../../../cli/registryOptions";
import { pathInside } from "../../../chart/load/extract";
import { ArtifactProblem, checkedDescriptor } from "../../../chart/helmOci/artifactChecks";
import { checkedChartConfig } from "../../../chart/helmOci/chartConfigChecks";
import { DEFAULT_TIMEOUTS, resolveTimeouts } from "../../../chart/distribution/http/deadline";
import { nextRedirect } from "../../../chart/distribution/http/redirects";
import { settleMs } from "../../../chart/helmOci/tagWrite";
import { HttpRequest } from "../../../chart/distribution/http/transport";

const problem = (code: string, message: RegExp) => (error: unknown) =>
    error instanceof ArtifactProblem && error.code === code && message.test(error.message);

describe("robustness units: limits, redirects, names and paths", () => {
    it("timeouts default to 10 s connect, 20 s per request, 60 s per operation, and reject non-positive values", () => {
        assert.deepStrictEqual(resolveTimeouts(undefined), { connectTimeoutMs: 10_000, timeoutMs: 20_000, operationTimeoutMs: 60_000 });
        assert.deepStrictEqual(resolveTimeouts({ timeoutMs: 5 }, DEFAULT_TIMEOUTS).timeoutMs, 5);
        assert.throws(
            () => resolveTimeouts({ operationTimeoutMs: 0 }),
            /operationTimeoutMs must be a positive number of milliseconds \(got 0\)/,
        );
        assert.throws(() => resolveTimeouts({ connectTimeoutMs: NaN }), /connectTimeoutMs must be a positive/);
    });

    it("--timeout sets the operation and request limits, and caps the connect limit", () => {
        assert.deepStrictEqual(timeouts(undefined), {});
        assert.deepStrictEqual(timeouts("120"), { operationTimeoutMs: 120_000, timeoutMs: 120_000, connectTimeoutMs: 10_000 });
        assert.deepStrictEqual(timeouts("2.5"), { operationTimeoutMs: 2500, timeoutMs: 2500, connectTimeoutMs: 2500 });
        for (const bad of ["0", "-1", "1e3", "soon", ""])
            assert.throws(() => timeouts(bad), /--timeout takes a positive number of seconds/);
    });

    it("redirects: same-origin keeps auth, other origins lose it, and only http(s) without credentials is followed", () => {
        const request: HttpRequest = {
            method: "GET",
            url: new URL("https://reg.example/v2/x/blobs/sha256:1"),
            headers: { authorization: "Bearer t" },
            maxBodyBytes: 9,
        };
        const answer = (status: number, location: string) => ({ status, headers: { location }, body: Buffer.alloc(0) });
        assert.deepStrictEqual(nextRedirect(request, answer(307, "/other"))?.headers, { authorization: "Bearer t" });
        const away = nextRedirect(request, answer(307, "https://blob.example/x?sig=secret"));
        assert.deepStrictEqual([away?.url.host, away?.headers, away?.maxBodyBytes], ["blob.example", {}, 9]);
        assert.strictEqual(nextRedirect(request, answer(200, "https://blob.example/x")), undefined);
        assert.strictEqual(nextRedirect({ ...request, method: "PUT" }, answer(307, "https://blob.example/x")), undefined);
        assert.throws(() => nextRedirect(request, answer(302, "http://blob.example/x")), /to insecure http:\/\/blob\.example/);
        assert.throws(() => nextRedirect(request, answer(302, "file:///etc/passwd")), /to a file: URL/);
        assert.throws(() => nextRedirect(request, answer(302, "https://u:p@blob.example/")), /with credentials in the URL/);
    });

    it("the settle wait after a write is three PUT durations, within 0.2-3 s", () => {
        assert.deepStrictEqual([settleMs(10), settleMs(100), settleMs(5000)], [200, 300, 3000]);
    });

    it("chart config names must be lower-case chart names without separators, equal to the repository's chart", () => {
        const ok = checkedChartConfig(
            { name: "my-chart.v2_x", version: "1.0.0-rc.1+b.2" },
            { name: "my-chart.v2_x", version: "1.0.0-rc.1+b.2" },
        );
        assert.strictEqual(ok.name, "my-chart.v2_x");
        for (const name of ["..", ".", "a/b", "a\\b", "..a", "a..b", "A", "-a", "a".repeat(129)]) {
            assert.throws(
                () => checkedChartConfig({ name, version: "1.0.0" }, { name, version: "1.0.0" }),
                problem("NAME_INVALID", /not a valid chart name/),
                name,
            );
        }
        assert.throws(
            () => checkedChartConfig({ name: "a", version: "1.0.0", apiVersion: "v9" }, { name: "a", version: "1.0.0" }),
            problem("CONFIG_INVALID", /apiVersion "v9"/),
        );
        assert.throws(
            () => checkedChartConfig({ name: "a", version: "1.0.0", keywords: "k" }, { name: "a", version: "1.0.0" }),
            problem("CONFIG_INVALID", /keywords is "k", not a list of strings/),
        );
    });

    it("descriptors need a media type, a sha256 digest and a bounded whole-number size", () => {
        const digest = "sha256:" + "0".repeat(64);
        assert.deepStrictEqual(checkedDescriptor({ mediaType: "a/b+json", digest, size: 3, extra: 1 }, "d", 3), {
            mediaType: "a/b+json",
            digest,
            size: 3,
        });
        assert.throws(
            () => checkedDescriptor({ mediaType: "a/b", digest, size: 4 }, "d", 3),
            problem("SIZE_INVALID", /declares 4 bytes, more than the 3/),
        );
        assert.throws(
            () => checkedDescriptor({ mediaType: "a/b", digest, size: 1.5 }, "d", 3),
            problem("SIZE_INVALID", /invalid size 1\.5/),
        );
        assert.throws(
            () => checkedDescriptor({ mediaType: "a/b", digest: digest.toUpperCase(), size: 1 }, "d", 3),
            problem("DIGEST_INVALID", /only sha256/),
        );
        assert.throws(
            () => checkedDescriptor({ mediaType: "a/b; x=1", digest, size: 1 }, "d", 3),
            problem("MANIFEST_INVALID", /invalid mediaType/),
        );
        assert.throws(() => checkedDescriptor("x", "d", 3), problem("MANIFEST_INVALID", /not a descriptor object/));
    });

    it("pathInside keeps writes inside the folder", () => {
        const root = path.join(os.tmpdir(), "dest");
        assert.strictEqual(pathInside(root, "hello-0.1.0.tgz"), path.join(root, "hello-0.1.0.tgz"));
        assert.strictEqual(pathInside(root, "chart/templates/a.yaml"), path.join(root, "chart", "templates", "a.yaml"));
        for (const bad of ["../escape-0.1.0.tgz", "../../../x", "/etc/passwd", ".", "", "a/../../b"]) {
            assert.throws(() => pathInside(root, bad), /is not a path inside/, bad);
        }
    });
});
