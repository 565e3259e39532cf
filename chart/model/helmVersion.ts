/**
 * Chart versions as Helm reads them (Masterminds semver `NewVersion`, which `helm package` and the
 * chart loader call): an optional leading "v", one to three numeric parts (leading zeros allowed),
 * then SemVer pre-release and build parts. So "v0.1.0", "1.2" and "01.2.3" are chart versions,
 * "1.2.3.4" and "1.0.0-01" are not. The spelling is kept: it names the archive and the OCI tag.
 */
const helmVersionPattern = /^v?([0-9]+)(\.[0-9]+)?(\.[0-9]+)?(-([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?(\+([0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*))?$/;

/** Masterminds semver's MaxVersionLen. */
const maxVersionLength = 256;
const maxUint64 = 18446744073709551615n;

export function isHelmVersion(version: string): boolean {
    if (version.length > maxVersionLength) return false;
    const match = helmVersionPattern.exec(version);
    if (!match) return false;
    const numbers = [match[1], match[2]?.slice(1), match[3]?.slice(1)].filter((n): n is string => n !== undefined);
    if (numbers.some((n) => BigInt(n) > maxUint64)) return false;
    const prerelease = match[5];
    // A numeric pre-release identifier with a leading zero is invalid (SemVer 2 §9).
    return (
        prerelease === undefined || prerelease.split(".").every((part) => !/^[0-9]+$/.test(part) || part === "0" || !part.startsWith("0"))
    );
}
