// Where the on-device model's files come from: the page's AI code fetches from there, and the server's
// Content-Security-Policy must allow it. Pure, so both sides share one list.

/**
 * The origins WebLLM fetches from, for the CSP's connect-src. Hugging Face redirects weight
 * downloads to its CDN, so the public set names both; a relative `LLM_MODEL_PATH` is the page's own
 * origin ('self'), so it adds nothing.
 */
export function modelHostOrigins(modelPath?: string): string[] {
  if (modelPath) return /^https?:\/\//.test(modelPath) ? [new URL(modelPath).origin] : [];
  return [
    'https://huggingface.co',
    'https://cdn-lfs.huggingface.co',
    'https://cdn-lfs-us-1.hf.co',
    'https://cas-bridge.xethub.hf.co',
    'https://raw.githubusercontent.com',
  ];
}
