// The distinct words of the search index, each with a number, found by substring through one string.
// Search matches substrings ("ant" finds "plant"), so a token is looked up against every word; at 100,000
// tasks that is about 100,000 words, and testing each with `includes` cost a search about 10 ms. Kept as
// one newline-separated string, a token is found with `indexOf`, which skips the words it is not in at
// the speed of a memory scan, and only the words that contain it are visited.

export class Vocabulary {
  private words: string[] = [];
  private numbers = new Map<string, number>();
  /** Words [0, joined) each followed by a newline; words added since are joined on the next lookup. */
  private text = '';
  private starts: number[] = [];
  private joined = 0;

  get size(): number {
    return this.words.length;
  }

  /** The word's number, adding it if new. Numbers are given in order and never change. */
  add(word: string): number {
    let n = this.numbers.get(word);
    if (n === undefined) {
      n = this.words.length;
      this.words.push(word);
      this.numbers.set(word, n);
    }
    return n;
  }

  wordAt(n: number): string {
    return this.words[n];
  }

  /** Calls `visit` with the number of each word containing `token` (which holds no newline), in order. */
  containing(token: string, visit: (n: number) => void): void {
    if (token === '') return;
    this.join();
    const { text, starts } = this;
    let from = 0;
    for (;;) {
      const at = text.indexOf(token, from);
      if (at < 0) return;
      const n = this.wordAtOffset(at);
      visit(n);
      from = n + 1 < starts.length ? starts[n + 1] : text.length;
    }
  }

  private join(): void {
    if (this.joined === this.words.length) return;
    const added = this.words.slice(this.joined);
    let offset = this.text.length;
    for (const word of added) {
      this.starts.push(offset);
      offset += word.length + 1;
    }
    this.text += added.join('\n') + '\n';
    this.joined = this.words.length;
  }

  /** The word whose characters include `offset`: the last one starting at or before it. */
  private wordAtOffset(offset: number): number {
    const { starts } = this;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return low;
  }
}
