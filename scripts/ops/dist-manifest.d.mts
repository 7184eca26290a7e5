// Types for dist-manifest.mjs, which stays plain JavaScript so the Vercel build runs it without a loader.
export declare function writeDistManifest(dir: string): void;
export declare function verifyDistManifest(dir: string): string[];
