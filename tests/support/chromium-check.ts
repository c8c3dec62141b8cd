import { existsSync } from 'node:fs';

// The renderer's tests need Debian's Chromium (playwright-core drives it; Playwright's own browsers cannot
// be downloaded here). Said once, plainly, rather than as a launch error in every browser test.
export default function checkChromium() {
  const path = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium is not at ${path}. Install it (Debian/Ubuntu: apt-get install -y chromium; .ci/run does) ` +
        'or set CHROMIUM_PATH to a Chromium or Chrome binary.',
    );
  }
}
