// Types for build-api.mjs, which stays plain JavaScript so the Vercel build runs it without a loader.
export declare const API_BUNDLE: string;
export declare function buildApi(): Promise<string>;
