// The time the server under test lives at. scripts/test may run a suite on the test clock
// (MUSUBI_TEST_CLOCK_OFFSET_SECONDS: the system's time moved, e.g. to 03:00 Japan time or to New
// Year's Eve); every server and `musubi` command a test starts inherits it from the environment,
// and tests ask these helpers — never Date.now() — what "now", "today" or "this hour" is.
export const CLOCK_OFFSET_MS = Number(process.env.MUSUBI_TEST_CLOCK_OFFSET_SECONDS ?? 0) * 1000;

const JST_MS = 9 * 3600_000;
const DAY_MS = 24 * 3600_000;

// Milliseconds since the epoch on the server's clock.
export const now = () => Date.now() + CLOCK_OFFSET_MS;

// The hour (0–23) in Japan on the server's clock.
export const jstHour = (at = now()) => new Date(at + JST_MS).getUTCHours();

// The day in Japan (YYYY-MM-DD) on the server's clock, moved by `days`.
export const jstDate = (days = 0, at = now()) => new Date(at + JST_MS + days * DAY_MS).toISOString().slice(0, 10);

// Japan time as the browser's <input type="datetime-local"> wants it (YYYY-MM-DDTHH:MM), `days`
// from now at `hour`:00.
export const jstDateTimeLocal = (days, hour) => `${jstDate(days)}T${String(hour).padStart(2, '0')}:00`;
