// The web-platform globals the core may use: every runtime it runs in (page, service worker, Node 20+)
// has them. Read only by tsconfig.core.json, which has neither DOM nor Node libs; the other
// configs get the full declarations from their libs.
declare global {
  var crypto: { getRandomValues<T extends Uint32Array | Uint8Array>(array: T): T };
  class URL {
    constructor(url: string, base?: string);
    readonly href: string;
    readonly origin: string;
  }
}

export {};
