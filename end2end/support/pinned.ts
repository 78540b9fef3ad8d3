// The pinned-clock server: the same release binary and demo clinic, with `--now` fixed at
// 07:00 in New York on Tuesday 1 December 2026, so "later today" is always inside the clinic's
// 24-hour late-cancel window, on any day the tests run.
export function pinnedServer(mainPort: number) {
  const port = mainPort + 1;
  return {
    port,
    baseURL: `http://127.0.0.1:${port}`,
    now: '2026-12-01T12:00:00Z',
    today: '2026-12-01',
  };
}
