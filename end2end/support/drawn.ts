// Pages the server sends with their first screen drawn (the booking flow's first step, an
// article): what the browser measured while the app took over, and whether a later click was
// handled by the app within the page rather than by loading a new one.
import type { Page } from '@playwright/test';

/** The cumulative layout shift the browser recorded so far (input-driven shifts excluded). */
export async function layoutShift(page: Page): Promise<number> {
  return page.evaluate(
    () =>
      new Promise<number>((resolve) => {
        let total = 0;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean }[]) {
            if (!entry.hadRecentInput) total += entry.value;
          }
        }).observe({ type: 'layout-shift', buffered: true });
        setTimeout(() => resolve(total), 100);
      }),
  );
}

/** Marks the page's window, so that `stillSamePage` can tell it was not replaced. */
export async function markPage(page: Page): Promise<void> {
  await page.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));
}

/** Whether the window marked by `markPage` is still the one shown. */
export async function stillSamePage(page: Page): Promise<boolean> {
  return page.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere === true);
}
