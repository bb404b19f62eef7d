/** Launch options for Debian's chromium (playwright's `launchOptions`). */
export declare const chromiumLaunchOptions: { executablePath: string; args: string[] };
