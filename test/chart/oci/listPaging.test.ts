import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { RegistryClient } from "../../../chart/distribution/client";
import { listChartVersions, tagsToVersions } from "../../../chart/helmOci/list";
import { nextPageFromLink } from "../../../chart/distribution/linkPages";

/** docker-registry 2.8 ignores n= for tags, so paging is proven against a registry stub that pages like ACR does. */
describe("listChartVersions paging and ordering", () => {
    const allTags = ["0.1.0", "latest", "1.0.0_build.2", "v2.0.0", "1.0.0", "2.0.0-rc.1", "01.2.3", "10.0.0"];
    let server: http.Server;
    let host: string;
    const seen: string[] = [];

    before(async () => {
        server = http.createServer((req, res) => {
            const url = new URL(req.url ?? "/", "http://x");
            seen.push(url.search);
            const n = Number(url.searchParams.get("n"));
            const last = url.searchParams.get("last");
            const start = last ? allTags.indexOf(last) + 1 : 0;
            const page = allTags.slice(start, start + n);
            const headers: Record<string, string> = { "content-type": "application/json" };
            if (start + n < allTags.length) headers.link = `</v2/charts/paged/tags/list?last=${page[page.length - 1]}&n=${n}>; rel="next"`;
            res.writeHead(200, headers);
            res.end(JSON.stringify({ name: "charts/paged", tags: page }));
        });
        await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
        host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    });
    after(() => new Promise<void>((resolve) => server.close(() => resolve())));

    it("follows Link rel=next through every page and returns strict SemVer versions highest first", async () => {
        const client = new RegistryClient({ registry: host, plainHttp: true });
        try {
            const versions = await listChartVersions({ registry: host, client, repository: "charts/paged", pageSize: 3 });
            assert.deepStrictEqual(versions, ["10.0.0", "2.0.0-rc.1", "1.0.0+build.2", "1.0.0", "0.1.0"]);
            assert.deepStrictEqual(seen, ["?n=3", "?last=1.0.0_build.2&n=3", "?last=2.0.0-rc.1&n=3"]);
            assert.strictEqual(client.stats.requests, 3);
        } finally {
            client.close();
        }
    });

    it("parses Link headers with and without quotes, and ignores other relations", () => {
        assert.strictEqual(nextPageFromLink('</v2/a/tags/list?last=b&n=2>; rel="next"'), "/v2/a/tags/list?last=b&n=2");
        assert.strictEqual(
            nextPageFromLink("<https://r.azurecr.io/v2/a/tags/list?last=b>;rel=next"),
            "https://r.azurecr.io/v2/a/tags/list?last=b",
        );
        assert.strictEqual(nextPageFromLink('</v2/a/tags/list?n=2>; rel="prev"'), undefined);
        assert.strictEqual(nextPageFromLink(undefined), undefined);
    });

    it("drops non-SemVer tags and orders build-metadata variants deterministically", () => {
        assert.deepStrictEqual(tagsToVersions(["1.0.0_b", "1.0.0_a", "1.0.0", "x", "1.0"]), ["1.0.0+b", "1.0.0+a", "1.0.0"]);
    });
});
