/**
 * The instant a request judges deadlines at: a bare date is noon of that day
 * in China (deadlines are China calendar days), an ISO instant is itself, and
 * no value is the app's clock. Query validation has already checked the form.
 */
export function resolveAsOf(value: string | undefined, clock: () => Date): Date {
  if (value === undefined) return clock();
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return new Date(`${value}T12:00:00+08:00`);
  return new Date(value);
}
