import * as zlib from "zlib";
import * as tar from "tar-stream";
import { ChartError } from "../model/errors";

export interface ArchiveEntry {
    /** full path inside the archive, `<chart>/<relpath>` with forward slashes */
    path: string;
    data: Buffer;
}

/** The largest mtime a ustar header's 11 octal digits can hold. */
const maxTarMtime = 8 ** 11 - 1;
const gzipOsByteOffset = 9;
/** RFC 1952 "unknown" OS, what Go's compress/gzip writes; Node writes the build platform's code. */
const gzipOsUnknown = 255;

/**
 * Writes entries, in the given order, as a gzip'd tar whose bytes depend only on the entries and
 * `mtimeSeconds`: regular-file headers only, mode 0644, uid/gid 0, no user/group names, the same
 * mtime everywhere; gzip at level 9 with no file name, MTIME 0 and a fixed OS byte.
 */
export async function writeChartArchive(entries: readonly ArchiveEntry[], mtimeSeconds: number): Promise<Buffer> {
    if (!Number.isInteger(mtimeSeconds) || mtimeSeconds < 0 || mtimeSeconds > maxTarMtime) {
        throw new ChartError(
            `options.mtime must be a whole number of seconds since 1970 between 0 and ${maxTarMtime} (got ${mtimeSeconds}).`,
        );
    }
    const pack = tar.pack();
    const chunks: Buffer[] = [];
    const collected = (async () => {
        for await (const chunk of pack) chunks.push(chunk as Buffer);
    })();
    const mtime = new Date(mtimeSeconds * 1000);
    for (const entry of entries) {
        await addEntry(pack, entry, mtime);
    }
    pack.finalize();
    await collected;
    return gzipDeterministic(Buffer.concat(chunks));
}

function addEntry(pack: tar.Pack, entry: ArchiveEntry, mtime: Date): Promise<void> {
    const header: tar.Header = {
        name: entry.path,
        size: entry.data.length,
        mode: 0o644,
        uid: 0,
        gid: 0,
        uname: "",
        gname: "",
        mtime,
        type: "file",
        linkname: "",
        devmajor: 0,
        devminor: 0,
    };
    return new Promise((resolve, reject) => {
        pack.entry(header, entry.data, (err?: Error | null) => (err ? reject(err) : resolve()));
    });
}

export function gzipDeterministic(data: Buffer): Buffer {
    const gz = zlib.gzipSync(data, { level: 9, memLevel: 8, windowBits: 15, strategy: zlib.constants.Z_DEFAULT_STRATEGY });
    gz[gzipOsByteOffset] = gzipOsUnknown;
    return gz;
}
