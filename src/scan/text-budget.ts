/**
 * A bound on the text that the files in flight hold at once. A scan analyzes several files at a
 * time (16 by default) to overlap their waits, but a repository of large bundles that all carry a
 * trigger word would then hold 16 texts of up to 64 MiB each. With this budget a file is read only
 * while the texts held are under the limit, so at most the limit plus one file is held, whatever
 * the files' sizes; small files, the usual case, never wait.
 *
 * @packageDocumentation
 */

/** The default limit, in characters (UTF-16 code units) of text held: 128 Mi. */
export const TEXT_BUDGET_CHARACTERS = 128 * 1024 * 1024;

/** The budget of one scan. */
export interface TextBudget {
  /** Resolves once the text held is under the limit; read a file only then. */
  whenUnderLimit(): Promise<void>;
  /**
   * Counts a text as held until the returned function is called (once its analysis is over).
   *
   * @param characters - the text's length
   */
  hold(characters: number): () => void;
}

/**
 * Makes the budget of one scan.
 *
 * @param limit - characters of text that may be held before reads wait (default {@link TEXT_BUDGET_CHARACTERS})
 */
export function createTextBudget(limit: number = TEXT_BUDGET_CHARACTERS): TextBudget {
  let held = 0;
  let waiting: (() => void)[] = [];
  return {
    async whenUnderLimit() {
      while (held >= limit) await new Promise<void>((resolve) => waiting.push(resolve));
    },
    hold(characters) {
      held += characters;
      let released = false;
      return () => {
        if (released) return;
        released = true;
        held -= characters;
        const woken = waiting;
        waiting = [];
        for (const resolve of woken) resolve();
      };
    },
  };
}
