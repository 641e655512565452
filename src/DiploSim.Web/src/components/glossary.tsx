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
export function Term({ k, children, where }: { k: GlossaryKey; children?: ComponentChildren; where?: string }) {
  const entry = words.glossary[k];
  return (
    <button type="button" class="term" data-testid={where ? `term-${k}-${where}` : `term-${k}`} title={say(words.app.whatIs, { term: entry.term })}
      onClick={() => { open.value = k; }}>
      {children ?? entry.term}<span class="term-mark" aria-hidden="true">?</span><span class="sr-only"> ({words.app.explain})</span>
    </button>
  );
}

/** Only the "?" of a term, after a line that already names its number (a briefing's "GDP $4,000 billion..."). */
export function TermMark({ k, where }: { k: GlossaryKey; where: string }) {
  const ask = say(words.app.whatIs, { term: words.glossary[k].term });
  return (
    <button type="button" class="term" data-testid={`term-${k}-${where}`} title={ask} aria-label={ask} onClick={() => { open.value = k; }}>
      <span class="term-mark" aria-hidden="true">?</span>
    </button>
  );
}

/** The glossary entry of an indicator the model names (`trustOfTarget` is trust), or null when it has none. */
export function glossaryKeyOf(indicator: string): GlossaryKey | null {
  const key = indicator === 'trustOfTarget' ? 'trust' : indicator === 'oilPrice' ? 'oil' : indicator === 'militaryCapability' ? 'military' : indicator;
  return key in words.glossary ? (key as GlossaryKey) : null;
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
