import { signal } from '@preact/signals';
import { describe, expect, it } from 'vitest';
import { LinkState } from './link';

describe('what a page says of its link to the server', () => {
  it('says offline the moment the browser says so, whatever the hub connection still believes, and its state again once back', () => {
    const shown = signal('connecting');
    const link = new LinkState(shown);
    link.hubIs('connected');
    expect(shown.value).toBe('connected');
    link.browser(false);
    expect(shown.value).toBe('offline');
    expect(link.offline).toBe(true);
    // SignalR notices the lost server only later, and retries: the page goes on saying it is offline.
    link.hubIs('reconnecting');
    expect(shown.value).toBe('offline');
    link.browser(true);
    expect(shown.value).toBe('reconnecting');
    link.hubIs('connected');
    expect(shown.value).toBe('connected');
  });

  it('says offline from the start on a page opened without a network', () => {
    const shown = signal('connecting');
    const link = new LinkState(shown, false);
    expect(shown.value).toBe('offline');
    link.hubIs('connected');
    expect(shown.value).toBe('offline');
  });

  it('says the server does not answer when a question waits too long on a connection that looks up, until the server is heard again', () => {
    const shown = signal('connecting');
    const link = new LinkState(shown);
    link.hubIs('connected');
    link.answered(false);
    expect(shown.value).toBe('no answer');
    link.answered(true);
    expect(shown.value).toBe('connected');
    // A new connection forgets a question left on the old one.
    link.answered(false);
    link.hubIs('reconnecting');
    link.hubIs('connected');
    expect(shown.value).toBe('connected');
    // Offline is the plainer word for the same trouble.
    link.answered(false);
    link.browser(false);
    expect(shown.value).toBe('offline');
  });

  it('keeps saying a pass is no longer valid, whatever the network does after', () => {
    const shown = signal('connecting');
    const link = new LinkState(shown);
    link.hubIs('connected');
    shown.value = 'pass no longer valid';
    link.browser(false);
    link.browser(true);
    link.hubIs('reconnecting');
    expect(shown.value).toBe('pass no longer valid');
  });
});
