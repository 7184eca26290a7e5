// A small bar chart of the latest inference times. Colours come from currentColor so it follows the
// theme; the numbers are also in the figures list beside it, so the chart is decoration plus a label.
import { For, Show } from 'solid-js';
import type { JSX } from 'solid-js';

const WIDTH = 240;
const HEIGHT = 48;

export function InferenceChart(props: { samples: readonly number[] }): JSX.Element {
  const recent = () => props.samples.slice(-40);
  const max = () => Math.max(1, ...recent());
  const barWidth = () => WIDTH / Math.max(recent().length, 1);
  const label = () =>
    `Inference time of the last ${recent().length} parses, longest ${Math.round(max())} ms`;
  return (
    <Show when={recent().length > 0}>
      <svg
        class="ai-chart"
        role="img"
        aria-label={label()}
        width={WIDTH}
        height={HEIGHT}
        viewBox={`0 0 ${WIDTH} ${HEIGHT}`}
      >
        <title>{label()}</title>
        <For each={recent()}>
          {(ms, i) => {
            const h = () => Math.max(1, (ms / max()) * (HEIGHT - 2));
            return (
              <rect
                x={i() * barWidth() + 1}
                y={HEIGHT - h()}
                width={Math.max(1, barWidth() - 2)}
                height={h()}
                fill="currentColor"
              />
            );
          }}
        </For>
      </svg>
    </Show>
  );
}
