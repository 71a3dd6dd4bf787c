// The in-panel model picker: a searchable dialog listing models with hosts, prices, context and
// live health, favourites and recents, grouping, and the conversation's routing preferences.
import {
  pickerSections,
  type ChatPreferences,
  type PickerData,
  type PickerGrouping,
  type PickerHost,
  type PickerRow,
} from '../../shared/protocol';
import { formatPricePair } from '../../common/format';
import { clear, h, icon, iconButton } from '../shared/dom';

/** What the picker asks the chat app to do. */
interface ModelPickerHandlers {
  load(): Promise<PickerData>;
  onPick(ref: string): void;
  onToggleFavourite(ref: string): Promise<string[]>;
  onPreferences(p: ChatPreferences): void;
  onOpenQuickPick(): void;
  onGroupingChange(g: PickerGrouping): void;
}

/** Opens the picker over `parent`; resolves when it closes. Focus returns to `returnFocus`. */
export async function openModelPicker(
  parent: HTMLElement,
  returnFocus: HTMLElement,
  grouping: PickerGrouping,
  handlers: ModelPickerHandlers,
): Promise<void> {
  let data: PickerData;
  try {
    data = await handlers.load();
  } catch (e) {
    data = { models: [], favourites: [], recent: [], preferences: {}, providers: [] };
  }
  let query = '';
  const search = h('input', {
    type: 'search',
    class: 'picker-search',
    placeholder: 'Search models, providers…',
    'aria-label': 'Search models',
    'data-testid': 'model-search',
  });
  const list = h('div', { class: 'picker-list', role: 'listbox', 'aria-label': 'Models' });
  const groupButtons = (['model', 'provider'] as const).map((g) =>
    h('button', {
      type: 'button',
      class: 'segment',
      'aria-pressed': String(g === grouping),
      onclick: () => setGrouping(g),
      text: g === 'model' ? 'By model' : 'By provider',
    }),
  );
  const prefs = renderPreferences(data, (p) => {
    data.preferences = p;
    handlers.onPreferences(p);
  });
  const close = () => {
    overlay.remove();
    returnFocus.focus();
    done();
  };
  const dialog = h(
    'div',
    { class: 'picker', role: 'dialog', 'aria-modal': 'true', 'aria-label': 'Pick a model', 'data-testid': 'model-picker-dialog' },
    h(
      'div',
      { class: 'picker-head' },
      icon('search'),
      search,
      iconButton('list-selection', 'Open as Quick Pick', () => (close(), handlers.onOpenQuickPick())),
      iconButton('close', 'Close', close),
    ),
    h(
      'div',
      { class: 'picker-tools' },
      h('div', { class: 'segments', role: 'group', 'aria-label': 'Group by' }, ...groupButtons),
      h('span', { class: 'hint', text: 'Prices per million tokens, in / out' }),
    ),
    list,
    prefs,
  );
  const overlay = h('div', { class: 'picker-overlay', onclick: (e: Event) => e.target === overlay && close() }, dialog);
  let done: () => void = () => {};
  const closed = new Promise<void>((r) => (done = r));

  function setGrouping(g: PickerGrouping): void {
    grouping = g;
    groupButtons.forEach((b, i) => b.setAttribute('aria-pressed', String((i === 0 ? 'model' : 'provider') === g)));
    handlers.onGroupingChange(g);
    draw();
  }

  function draw(): void {
    clear(list);
    const sections = pickerSections(data, grouping, query);
    if (!sections.some((s) => s.rows.length))
      list.append(
        h('div', {
          class: 'picker-empty',
          text: data.models.length ? 'No model matches.' : 'No models yet: set an API key or check the providers setting.',
        }),
      );
    for (const s of sections) {
      if (!s.rows.length) continue;
      list.append(h('div', { class: 'picker-section', role: 'presentation', text: s.title }));
      for (const row of s.rows) list.append(renderRow(row));
    }
  }

  function renderRow(row: PickerRow): HTMLElement {
    const star = iconButton(
      row.favourite ? 'star-full' : 'star-empty',
      row.favourite ? 'Remove from favourites' : 'Add to favourites',
      async (e) => {
        e.stopPropagation();
        data.favourites = await handlers.onToggleFavourite(row.favouriteRef);
        draw();
      },
    );
    const hosts = row.host
      ? [hostChip(row.host.providerName, row.health, row.detail, row.host.needsKey)]
      : row.model.hosts.map((host) => hostChip(host.providerName, host.health, hostTitle(host), host.needsKey));
    const el = h(
      'div',
      {
        class: `picker-row${row.ref === data.current ? ' current' : ''}`,
        role: 'option',
        tabindex: 0,
        'aria-selected': String(row.ref === data.current),
        'data-ref': row.ref,
        onclick: () => pick(row.ref),
      },
      h(
        'div',
        { class: 'picker-row-main' },
        h('span', { class: 'picker-label', text: row.label }),
        row.aka ? h('span', { class: 'picker-desc', text: row.aka }) : null,
      ),
      // Price and context sit with the hosts, so a narrow panel cuts the id rather than them.
      h(
        'div',
        { class: 'picker-hosts' },
        ...hosts,
        ...[row.host ? row.detail : '', row.facts].filter(Boolean).map((text) => h('span', { class: 'picker-facts', text })),
      ),
      star,
    );
    el.addEventListener('keydown', (e: KeyboardEvent) => {
      if (e.key === 'Enter' || e.key === ' ') (e.preventDefault(), pick(row.ref));
    });
    return el;
  }

  function pick(ref: string): void {
    handlers.onPick(ref);
    close();
  }

  search.addEventListener('input', () => {
    query = search.value;
    draw();
  });
  dialog.addEventListener('keydown', (e: KeyboardEvent) => {
    if (e.key === 'Escape') return (e.preventDefault(), close());
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    const rows = [...list.querySelectorAll<HTMLElement>('.picker-row')];
    const i = rows.indexOf(document.activeElement as HTMLElement);
    const next = e.key === 'ArrowDown' ? (rows[i + 1] ?? rows[0]) : (rows[i - 1] ?? search);
    e.preventDefault();
    next?.focus();
  });

  draw();
  parent.append(overlay);
  search.focus();
  return closed;
}

function hostChip(name: string, health: string, title: string, needsKey?: boolean): HTMLElement {
  const key = needsKey
    ? [h('span', { class: 'codicon codicon-key', 'aria-hidden': 'true' }), h('span', { class: 'sr-only', text: ' (no key set)' })]
    : [];
  return h(
    'span',
    { class: `host-chip health-${health}${needsKey ? ' needs-key' : ''}`, title },
    h('span', { class: 'health-dot', 'aria-hidden': 'true' }),
    h('span', { text: name }),
    ...key,
    h('span', { class: 'sr-only', text: ` ${health}` }),
  );
}

/** The routing preferences form for the conversation. */
function renderPreferences(data: PickerData, onApply: (p: ChatPreferences) => void): HTMLElement {
  const p = data.preferences;
  const sort = h(
    'select',
    { 'aria-label': 'Sort hosts by' },
    ...(['balanced', 'price', 'latency', 'throughput'] as const).map((s) =>
      h('option', { value: s, selected: (p.sort ?? 'balanced') === s, text: s }),
    ),
  );
  const providerRows = data.providers.map((prov) => {
    const mode = p.only?.includes(prov.id) ? 'only' : p.ignore?.includes(prov.id) ? 'ignore' : 'any';
    const select = h(
      'select',
      { 'aria-label': `${prov.name} routing`, 'data-provider': prov.id },
      ...['any', 'only', 'ignore'].map((m) => h('option', { value: m, selected: m === mode, text: m === 'any' ? 'allowed' : m })),
    );
    return { id: prov.id, select, row: h('label', { class: 'pref-provider' }, h('span', { text: prov.name }), select) };
  });
  const maxIn = h('input', {
    type: 'number',
    min: 0,
    step: 'any',
    placeholder: 'any',
    'aria-label': 'Max input price per MTok',
    value: p.maxPrice?.inputPerMTok ?? '',
  });
  const maxOut = h('input', {
    type: 'number',
    min: 0,
    step: 'any',
    placeholder: 'any',
    'aria-label': 'Max output price per MTok',
    value: p.maxPrice?.outputPerMTok ?? '',
  });
  const num = (el: HTMLInputElement) => (el.value.trim() === '' || !(Number(el.value) >= 0) ? undefined : Number(el.value));
  const apply = h('button', {
    type: 'button',
    class: 'secondary-button',
    text: 'Apply routing',
    onclick: () => {
      const only = providerRows.filter((r) => r.select.value === 'only').map((r) => r.id);
      const ignore = providerRows.filter((r) => r.select.value === 'ignore').map((r) => r.id);
      const inP = num(maxIn);
      const outP = num(maxOut);
      onApply({
        sort: sort.value as ChatPreferences['sort'],
        only: only.length ? only : undefined,
        ignore: ignore.length ? ignore : undefined,
        maxPrice: inP !== undefined || outP !== undefined ? { inputPerMTok: inP, outputPerMTok: outP } : undefined,
      });
      apply.textContent = 'Applied';
    },
  });
  return h(
    'details',
    { class: 'picker-prefs' },
    h('summary', {}, icon('settings'), h('span', { text: ' Routing for this conversation' })),
    h(
      'div',
      { class: 'pref-grid' },
      h('label', {}, h('span', { text: 'Sort hosts by' }), sort),
      h('label', {}, h('span', { text: 'Max $ in /MTok' }), maxIn),
      h('label', {}, h('span', { text: 'Max $ out /MTok' }), maxOut),
    ),
    providerRows.length ? h('div', { class: 'pref-providers' }, ...providerRows.map((r) => r.row)) : null,
    h('div', { class: 'pref-actions' }, apply),
  );
}

/** A host chip's tooltip: "Groq: ok · $0.59 / $0.79 per MTok · no key set". */
function hostTitle(host: PickerHost): string {
  const price = host.inputPerMTok !== undefined ? `${formatPricePair(host.inputPerMTok, host.outputPerMTok)} per MTok` : '';
  return [`${host.providerName}: ${host.health}`, price, host.needsKey ? 'no key set' : ''].filter(Boolean).join(' · ');
}
