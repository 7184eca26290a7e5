// /documentation/api: the server's API, rendered here from its OpenAPI document (no third-party viewer, so
// the strict CSP holds and it works offline once the service worker has cached the document).
import { For, Match, Show, Switch, createMemo, createResource } from 'solid-js';
import type { JSX } from 'solid-js';
import '../../styles/documentation.css';
import { listOperations, loadApiDocument, namedSchemas } from './api-reference';
import type { ApiDocument, ApiOperation } from './api-reference';
import { DocSection } from './DocSection';
import { View } from '../lib/View';

function Operation(props: { op: ApiOperation }): JSX.Element {
  return (
    <article class="api-op" aria-labelledby={props.op.id}>
      <h3 id={props.op.id}>
        <span class="api-method">{props.op.method}</span> <code>{props.op.path}</code>
      </h3>
      <p>{props.op.summary}</p>
      <Show when={props.op.description}>
        <p class="hint">{props.op.description}</p>
      </Show>
      <p>
        <strong>Authentication:</strong> {props.op.auth}
      </p>
      <Show when={props.op.parameters.length > 0}>
        <table class="doc-table">
          <caption>Parameters</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">In</th>
              <th scope="col">Type</th>
              <th scope="col">Required</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.op.parameters}>
              {(p) => (
                <tr>
                  <td>
                    <code>{p.name}</code>
                    <Show when={p.description}>
                      <span class="hint"> {p.description}</span>
                    </Show>
                  </td>
                  <td>{p.in}</td>
                  <td>
                    <code>{p.type}</code>
                  </td>
                  <td>{p.required ? 'yes' : 'no'}</td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </Show>
      <Show when={props.op.body}>
        {(body) => (
          <>
            <h4>Request body (application/json)</h4>
            <pre class="api-schema">
              <code>{body()}</code>
            </pre>
          </>
        )}
      </Show>
      <h4>Responses</h4>
      <dl class="api-responses">
        <For each={props.op.responses}>
          {(r) => (
            <div>
              <dt>
                <code>{r.status}</code>
              </dt>
              <dd>
                {r.description}
                <Show when={r.contentType && r.contentType !== 'application/json'}>
                  {' '}
                  ({r.contentType})
                </Show>
                <Show when={r.schema}>
                  {(schema) => (
                    <pre class="api-schema">
                      <code>{schema()}</code>
                    </pre>
                  )}
                </Show>
              </dd>
            </div>
          )}
        </For>
      </dl>
    </article>
  );
}

function Reference(props: { doc: ApiDocument }): JSX.Element {
  const operations = createMemo(() => listOperations(props.doc));
  const tags = () => [...new Set(operations().map((o) => o.tag))];
  return (
    <>
      <p>
        {props.doc.info.title} {props.doc.info.version}. {props.doc.info.description}
      </p>
      <p>
        The machine-readable document is at <a href="/api/openapi.json">/api/openapi.json</a>{' '}
        (OpenAPI 3.1).
      </p>
      <nav aria-labelledby="api-contents">
        <h2 id="api-contents">Contents</h2>
        <ul class="doc-contents">
          <For each={tags()}>
            {(tag) => (
              <li>
                <a href={`#api-${tag}`}>{tag}</a>
              </li>
            )}
          </For>
          <li>
            <a href="#api-schemas">Shared shapes</a>
          </li>
        </ul>
      </nav>
      <For each={tags()}>
        {(tag) => (
          <DocSection id={`api-${tag}`} heading={tag}>
            <For each={operations().filter((o) => o.tag === tag)}>
              {(op) => <Operation op={op} />}
            </For>
          </DocSection>
        )}
      </For>
      <DocSection id="api-schemas" heading="Shared shapes">
        <For each={namedSchemas(props.doc)}>
          {(s) => (
            <>
              <h3>{s.name}</h3>
              <pre class="api-schema">
                <code>{s.outline}</code>
              </pre>
            </>
          )}
        </For>
      </DocSection>
    </>
  );
}

export default function ApiReference(props: { load?: () => Promise<ApiDocument> }): JSX.Element {
  const [doc] = createResource(() => (props.load ?? loadApiDocument)());
  return (
    <View class="documentation" title="API reference">
      <p>
        <a href="/documentation">Back to the user guide</a>
      </p>
      <Switch>
        <Match when={doc.error}>
          <p class="view-error" role="alert">
            The API description could not be loaded. It comes from the server: connect once, and
            this page works offline afterwards.
          </p>
        </Match>
        <Match when={doc()}>{(d) => <Reference doc={d()} />}</Match>
        <Match when={doc.loading}>
          <p aria-busy="true">Loading the API description…</p>
        </Match>
      </Switch>
    </View>
  );
}
