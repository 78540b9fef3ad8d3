// Removes the run's temporary database folder (made in playwright.config.ts).
import fs from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const dir = process.env.CAREBOOK_E2E_DIR;
  if (dir && dir.includes('carebook-e2e-')) {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
