/** Launch options for Debian's chromium (playwright's `launchOptions`). */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
/** The `test.browser` block of a vitest project running in Debian's chromium. */
export declare function chromiumBrowserTest<P>(playwright: (options: { launchOptions: { executablePath: string; args: string[] } }) => P): {
  enabled: true;
  headless: true;
  screenshotFailures: false;
  provider: P;
  instances: { browser: 'chromium' }[];
};
