import { signal } from '@preact/signals';
import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { say, words } from '../i18n';

export type GlossaryKey = keyof typeof words.glossary;

/** The entry the glossary shows, or null when it is closed. */
const open = signal<GlossaryKey | null>(null);

/**
 * A number's name that opens its glossary entry: what it means and how the model computes it. Every number a page
 * shows has one beside it.
 */
export function Term({ k, children }: { k: GlossaryKey; children?: ComponentChildren }) {
  const entry = words.glossary[k];
  return (
    <button type="button" class="term" data-testid={`term-${k}`} title={say(words.app.whatIs, { term: entry.term })}
      onClick={() => { open.value = k; }}>
      {children ?? entry.term}<span class="term-mark" aria-hidden="true">?</span><span class="sr-only"> ({words.app.explain})</span>
    </button>
  );
}

/** The glossary as a dialog, once per page: the entry asked for, then every other one. */
export function Glossary() {
  const dialog = useRef<HTMLDialogElement>(null);
  const key = open.value;
  useEffect(() => {
    const d = dialog.current;
    if (!d) return;
    if (key && !d.open) d.showModal();
    if (!key && d.open) d.close();
    if (key) d.querySelector(`#glossary-${key}`)?.scrollIntoView({ block: 'start' });
  }, [key]);
  const keys = Object.keys(words.glossary) as GlossaryKey[];
  return (
    <dialog ref={dialog} class="glossary" data-testid="glossary" aria-labelledby="glossary-title" onClose={() => { open.value = null; }}>
      <div class="glossary-head">
        <h2 id="glossary-title">{words.app.glossary}</h2>
        <button type="button" data-testid="glossary-close" onClick={() => { open.value = null; }}>{words.app.close}</button>
      </div>
      <dl>
        {(key ? [key, ...keys.filter((x) => x !== key)] : keys).map((k) => (
          <div key={k} id={`glossary-${k}`} class={k === key ? 'entry current' : 'entry'} data-testid={`glossary-${k}`}>
            <dt>{words.glossary[k].term}</dt>
            <dd>{words.glossary[k].means}</dd>
            <dd class="muted"><b>{words.app.howComputed}:</b> {words.glossary[k].computed}</dd>
          </div>
        ))}
      </dl>
    </dialog>
  );
}

/** A link-like button to the whole glossary, for a page's header. */
export function GlossaryButton() {
  return <button type="button" class="glossary-open" data-testid="glossary-open" onClick={() => { open.value = 'moves'; }}>{words.app.glossary}</button>;
}
