const dayMs = 24 * 60 * 60 * 1000;

/** One application password: its child name suffix, expiry, and the keys whose change replaces it. */
export interface PasswordSlot {
    /** `password` (the first, and the only one without rotation) or `password-b`. */
    suffix: "password" | "password-b";
    /** RFC 3339 expiry; undefined means the provider default. */
    endDate?: string;
    /** Added to `rotateWhenChanged`; empty when no rotation is scheduled. */
    rotationKeys: Record<string, string>;
}

/** The passwords that exist after an `up` at a given time, and which of them is the newer. */
export interface PasswordPlan {
    slots: PasswordSlot[];
    /** Index in `slots` of the password handed out as `clientSecret`. */
    newest: number;
}

/**
 * Without rotation: one password with the given (or the provider's) end date. With a rotation period P, two
 * passwords, periods counted from the Unix epoch: `password` is renewed at the start of even periods, `password-b`
 * at the start of odd ones, and each lives two periods. Every run inside one period computes the same keys; a key
 * changes, and its password is replaced, exactly when that password's end date is reached, while the other has
 * (at least) one more period to live. So the two overlap by a full period and a replacement never removes a
 * password that is still valid.
 */
export function passwordPlan(now: Date, options: { passwordEndDate?: string; passwordRotationDays?: number }): PasswordPlan {
    if (options.passwordRotationDays === undefined) {
        return { slots: [{ suffix: "password", endDate: options.passwordEndDate, rotationKeys: {} }], newest: 0 };
    }
    const periodMs = options.passwordRotationDays * dayMs;
    const period = Math.floor(now.getTime() / periodMs);
    const evenStart = (period - (period % 2)) * periodMs;
    const oddStart = (period % 2 === 1 ? period : period - 1) * periodMs;
    return {
        slots: [slot("password", evenStart, periodMs), slot("password-b", oddStart, periodMs)],
        newest: period % 2,
    };
}

function slot(suffix: PasswordSlot["suffix"], start: number, periodMs: number): PasswordSlot {
    return {
        suffix,
        endDate: new Date(start + 2 * periodMs).toISOString(),
        rotationKeys: { rotationPeriodStart: new Date(start).toISOString() },
    };
}
