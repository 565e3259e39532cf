/** A signing time as signatures record it: RFC 3339 in UTC, to the second (`2026-12-07T10:11:12Z`). */
export function rfc3339Seconds(time: Date): string {
    return new Date(Math.floor(time.getTime() / 1000) * 1000).toISOString().replace(/\.000Z$/, "Z");
}
