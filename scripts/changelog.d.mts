// Types for changelog.mjs, plain JavaScript so vite.config.ts loads it without a loader.
export declare function latestRelease(
  markdown: string,
): { version: string; summary: string } | null;
