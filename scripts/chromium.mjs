// Debian's chromium (no browser downloads here), with the flags a closed network needs:
// without the background-networking ones chromium keeps trying hosts it cannot reach.
export const chromiumLaunchOptions = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
};

/**
 * The `test.browser` block of a vitest project that runs in this chromium; `playwright` is
 * `@vitest/browser-playwright`'s provider factory (passed in so this file imports nothing).
 */
export function chromiumBrowserTest(playwright) {
  return {
    enabled: true,
    headless: true,
    screenshotFailures: false,
    provider: playwright({ launchOptions: chromiumLaunchOptions }),
    instances: [{ browser: 'chromium' }],
  };
}
