// The longest of several placeholders that fits the input's text box, chosen again whenever the box
// changes size (a phone, a narrow window, the "Install Tend" button taking room): a placeholder cut off
// mid-example reads as a bug.
import { createSignal, onCleanup, onMount } from 'solid-js';
import type { Accessor } from 'solid-js';

/** `choices` longest first; the last is used when none fits. */
export function createFittingPlaceholder(
  input: () => HTMLInputElement,
  choices: readonly [string, ...string[]],
): Accessor<string> {
  const [placeholder, setPlaceholder] = createSignal(choices[0]);
  onMount(() => {
    // Without layout (tests in jsdom) the first choice stays.
    if (typeof ResizeObserver === 'undefined') return;
    const context = document.createElement('canvas').getContext('2d');
    if (!context) return;
    const choose = () => {
      const element = input();
      const style = getComputedStyle(element);
      const room =
        element.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
      setPlaceholder(
        choices.find((text) => context.measureText(text).width <= room) ?? choices.at(-1)!,
      );
    };
    const observer = new ResizeObserver(choose);
    observer.observe(input());
    onCleanup(() => observer.disconnect());
  });
  return placeholder;
}
