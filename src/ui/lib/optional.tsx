// Components from modules other helpers build (sync account panel, AI settings, PWA prompts): rendered
// when the module exists in this build, nothing when it does not. Callers pass an import.meta.glob map
// so a missing file is an empty map, never a build error.
import { Show, createResource } from 'solid-js';
import type { Component, JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyComponent = Component<any>;
type ModuleMap = Record<string, () => Promise<unknown>>;

export async function loadOptional(
  modules: ModuleMap,
  exportName: string,
): Promise<AnyComponent | null> {
  const load = Object.values(modules)[0];
  if (!load) return null;
  try {
    const module = (await load()) as Record<string, unknown>;
    const found = module[exportName] ?? (exportName === 'default' ? undefined : module.default);
    return typeof found === 'function' ? (found as AnyComponent) : null;
  } catch (error) {
    console.warn(`Optional module ${exportName} failed to load`, error);
    return null;
  }
}

export function OptionalComponent(props: {
  modules: ModuleMap;
  exportName: string;
  props?: Record<string, unknown>;
  fallback?: JSX.Element;
}): JSX.Element {
  const [component] = createResource(() => loadOptional(props.modules, props.exportName));
  return (
    <Show when={component()} fallback={props.fallback}>
      {(found) => <Dynamic component={found()} {...(props.props ?? {})} />}
    </Show>
  );
}
