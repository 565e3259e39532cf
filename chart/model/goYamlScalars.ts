/**
 * Helm reads Chart.yaml with sigs.k8s.io/yaml, which turns a number or boolean written where Go
 * expects a string into that string: `appVersion: 1.10` becomes "1.1", `prerelease: false` becomes
 * "false". These helpers give the same strings for the values the `yaml` package returns when it
 * parses with `intAsBigInt` (integers are bigint, floats are number).
 */
export function goScalarString(value: unknown): string | undefined {
    if (typeof value === "string") return value;
    if (typeof value === "bigint") return value.toString();
    if (typeof value === "boolean") return value ? "true" : "false";
    if (typeof value === "number") return goFloat32String(value);
    return undefined;
}

/** Go's strconv.FormatFloat(v, 'g', -1, 32): the shortest float32 digits, exponent form below 1e-4 or from 1e6. */
export function goFloat32String(value: number): string {
    if (Number.isNaN(value)) return "NaN";
    if (!Number.isFinite(value)) return value > 0 ? "+Inf" : "-Inf";
    const single = Math.fround(value);
    if (single === 0) return Object.is(single, -0) ? "-0" : "0";
    let digits = "";
    let exponent = 0;
    for (let precision = 1; precision <= 9; precision++) {
        const [mantissa, exp] = single.toExponential(precision - 1).split("e");
        if (Math.fround(Number(`${mantissa}e${exp}`)) === single) {
            digits = mantissa.replace("-", "").replace(".", "");
            exponent = Number(exp);
            break;
        }
    }
    const sign = single < 0 ? "-" : "";
    // 'g' with the shortest digits switches to %e when the exponent is < -4 or >= 6.
    if (exponent < -4 || exponent >= 6) {
        const mantissa = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
        const expDigits = String(Math.abs(exponent)).padStart(2, "0");
        return `${sign}${mantissa}e${exponent < 0 ? "-" : "+"}${expDigits}`;
    }
    if (exponent < 0) return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
    if (digits.length <= exponent + 1) return `${sign}${digits}${"0".repeat(exponent + 1 - digits.length)}`;
    return `${sign}${digits.slice(0, exponent + 1)}.${digits.slice(exponent + 1)}`;
}
