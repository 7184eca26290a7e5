// The quick-add section of the documentation, generated from src/core/parse/syntax-guide.ts: each example is
// parsed here by the same parser quick add uses, and each word list comes from the parser's vocabulary.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';
import { parseQuickAdd } from '../../core/parse/quick-add';
import { GUIDE_NOW, QUICK_ADD_GUIDE } from '../../core/parse/syntax-guide';
import { describeRecurrence } from '../../core/recurrence';
import type { QuickAddResult } from '../../core/parse/types';
import { DocSection } from './DocSection';

/** What a phrase means, in the words the task list uses. */
function describeReading(result: QuickAddResult): string[] {
  const parts = [`“${result.title}”`];
  if (result.due) parts.push(`due ${result.due.replace('T', ' ')}`);
  if (result.recurrence)
    parts.push(describeRecurrence(result.recurrence).replace(/^./, (c) => c.toLowerCase()));
  if (result.priority !== 4) parts.push(`priority p${result.priority}`);
  if (result.project) parts.push(`project ${result.project}`);
  for (const label of result.labels) parts.push(`label ${label}`);
  return parts;
}

export function QuickAddGuide(): JSX.Element {
  const day = GUIDE_NOW.toLocaleDateString('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
  });
  return (
    <DocSection id="doc-quick-add" heading="Quick add">
      <p>
        Type a task the way you would say it. Tend reads dates, times, repeats, priority, project
        and labels from the line, shows each as a chip under the field, and keeps the rest as the
        title. The examples below are read as if it were {day}, 09:00.
      </p>
      <For each={QUICK_ADD_GUIDE}>
        {(section) => (
          <section class="doc-subsection" aria-labelledby={`doc-qa-${section.id}`}>
            <h3 id={`doc-qa-${section.id}`}>{section.heading}</h3>
            <p>{section.intro}</p>
            <table class="doc-table">
              <caption class="sr-only">{section.heading}: examples</caption>
              <thead>
                <tr>
                  <th scope="col">You type</th>
                  <th scope="col">Tend reads</th>
                </tr>
              </thead>
              <tbody>
                <For each={section.examples}>
                  {(example) => (
                    <tr>
                      <td>
                        <code>{example.text}</code>
                      </td>
                      <td class="doc-reading">
                        {describeReading(parseQuickAdd(example.text, { now: GUIDE_NOW })).join(
                          ', ',
                        )}
                      </td>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
            <Show when={section.words.length > 0}>
              <dl class="doc-words">
                <For each={section.words}>
                  {(group) => (
                    <div>
                      <dt>{group.label}</dt>
                      <dd>
                        <For each={group.words()}>
                          {(word) => (
                            <>
                              <code>{word}</code>{' '}
                            </>
                          )}
                        </For>
                      </dd>
                    </div>
                  )}
                </For>
              </dl>
            </Show>
          </section>
        )}
      </For>
    </DocSection>
  );
}
