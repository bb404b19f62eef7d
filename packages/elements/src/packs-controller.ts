/**
 * Rule packs for an element: the `packs` property (pack documents) and the `packs-src` attribute
 * (their URLs, fetched like `src`), checked by core's `parseRulePack` once they are all there.
 * The checks code (core's parser among it) may still be loading in the standalone bundle; the
 * element shows no findings until the packs are ready, so it never shows findings without them
 * and then with them.
 */
import type { RulePack } from '@disclosure-report/core';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { checksPart } from './lazy.js';
import { refusedProtocol } from './load.js';

/** Where an element's packs stand. */
export type PacksState =
  | { status: 'none' }
  | { status: 'loading' }
  | { status: 'ready'; packs: readonly RulePack[] }
  /** A pack could not be fetched or is not a valid pack: none is applied (a partial set would check by half the rules). */
  | { status: 'error'; message: string };

interface PacksHost extends ReactiveControllerHost {
  packs: readonly unknown[] | null;
  packsSrc: string | null;
}

/** A pack document from a URL: only http(s) and relative URLs, as for `src`. */
async function fetchPack(url: string, signal: AbortSignal): Promise<{ doc: unknown; url: string }> {
  if (refusedProtocol(url)) throw new Error(`${url}: not fetched (only http(s) and relative URLs)`);
  const response = await fetch(url, { signal, headers: { Accept: 'application/json' } });
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  const text = await response.text();
  try {
    return { doc: JSON.parse(text) as unknown, url };
  } catch (e) {
    throw new Error(`${url}: not JSON (${(e as Error).message})`);
  }
}

export class PacksController implements ReactiveController {
  state: PacksState = { status: 'none' };
  #packs: readonly unknown[] | null = null;
  #src: string | null = null;
  #abort: AbortController | null = null;

  constructor(private readonly host: PacksHost) {
    host.addController(this);
  }

  hostUpdate(): void {
    if (this.host.packs === this.#packs && this.host.packsSrc === this.#src) return;
    this.#packs = this.host.packs;
    this.#src = this.host.packsSrc;
    this.#resolve();
  }

  hostDisconnected(): void {
    this.#abort?.abort();
    this.#abort = null;
    // Reconnecting starts again.
    this.#packs = null;
    this.#src = null;
  }

  #resolve(): void {
    this.#abort?.abort();
    const given = this.#packs ?? [];
    const urls = (this.#src ?? '').split(/\s+/).filter(Boolean);
    if (!given.length && !urls.length) {
      this.state = { status: 'none' };
      return;
    }
    const controller = new AbortController();
    this.#abort = controller;
    this.state = { status: 'loading' };
    const settle = (state: PacksState) => {
      if (controller.signal.aborted) return;
      this.#abort = null;
      this.state = state;
      this.host.requestUpdate();
    };
    Promise.all([checksPart.load(), ...urls.map((u) => fetchPack(u, controller.signal))])
      .then(([checks, ...fetched]) => {
        const docs = [...given.map((doc) => ({ doc, url: undefined })), ...fetched];
        settle({ status: 'ready', packs: docs.map(({ doc, url }) => checks.parseRulePack(doc, url)) });
      })
      .catch((error: unknown) => {
        console.warn('[disclosure-report] rule packs not applied:', error);
        settle({ status: 'error', message: String((error as Error)?.message ?? error) });
      });
  }
}
