// Minimal typing of the autocannon API this benchmark uses (the package ships no types).
declare module 'autocannon' {
  interface Instance extends PromiseLike<Result> {
    on(
      event: 'response',
      fn: (client: unknown, status: number, bytes: number, ms: number) => void,
    ): void;
  }
  interface Result {
    errors: number;
    non2xx: number;
    timeouts: number;
    requests: { average: number };
  }
  function autocannon(options: Record<string, unknown>): Instance;
  export default autocannon;
}
