const dayMs = 24 * 60 * 60 * 1000;

/** Password expiry and the key that replaces the password when it changes. */
export interface PasswordSchedule {
    /** RFC 3339 expiry; undefined means the provider default. */
    endDate?: string;
    /** Added to `rotateWhenChanged`; empty when no rotation is scheduled. */
    rotationKeys: Record<string, string>;
}

/**
 * Periods are counted from the Unix epoch so every run inside one period computes
 * the same key; the key changes, and the password is replaced, once the period ends.
 */
export function passwordSchedule(now: Date, options: { passwordEndDate?: string; passwordRotationDays?: number }): PasswordSchedule {
    if (options.passwordRotationDays === undefined) {
        return { endDate: options.passwordEndDate, rotationKeys: {} };
    }
    const periodMs = options.passwordRotationDays * dayMs;
    const periodStart = Math.floor(now.getTime() / periodMs) * periodMs;
    return {
        endDate: new Date(periodStart + 2 * periodMs).toISOString(),
        rotationKeys: { rotationPeriodStart: new Date(periodStart).toISOString() },
    };
}
