// "Switchboard: Pick Model" as a native QuickPick: the same rows as the panel's picker (search,
// favourites, recents, grouping, live health, prices, context), plus routing preferences.
import * as vscode from 'vscode';
import { pickerSections, type ChatPreferences, type PickerData, type PickerGrouping, type PickerRow } from '../../shared/protocol';
import type { ChatConversations } from '../../app/chat/chat-conversations';

interface RowItem extends vscode.QuickPickItem {
  row?: PickerRow;
}

const HEALTH_ICON: Record<string, string> = {
  ok: '$(pass-filled)',
  degraded: '$(warning)',
  down: '$(error)',
  unknown: '$(circle-outline)',
};

/** Shows the picker; resolves when it closes. */
export async function showModelQuickPick(conversations: ChatConversations, grouping: { value: PickerGrouping }): Promise<void> {
  const data = await conversations.pickerData();
  const qp = vscode.window.createQuickPick<RowItem>();
  qp.title = 'Switchboard: Pick Model';
  qp.placeholder = 'Search models and providers — prices per million tokens in / out';
  qp.matchOnDescription = true;
  qp.matchOnDetail = true;
  const groupButton = (): vscode.QuickInputButton => ({
    iconPath: new vscode.ThemeIcon(grouping.value === 'model' ? 'list-tree' : 'symbol-class'),
    tooltip: grouping.value === 'model' ? 'Group by provider' : 'Group by model',
  });
  const prefsButton: vscode.QuickInputButton = {
    iconPath: new vscode.ThemeIcon('settings'),
    tooltip: 'Routing preferences for this conversation',
  };
  const draw = () => {
    qp.buttons = [groupButton(), prefsButton];
    qp.items = toItems(data, grouping.value);
    const current = qp.items.find((i) => i.row?.ref === data.current);
    if (current) qp.activeItems = [current];
  };
  draw();
  return new Promise<void>((resolve) => {
    qp.onDidTriggerButton(async (b) => {
      if (b === prefsButton) {
        qp.hide();
        await showRoutingPreferences(conversations, data);
        return;
      }
      grouping.value = grouping.value === 'model' ? 'provider' : 'model';
      draw();
    });
    qp.onDidTriggerItemButton(async (e) => {
      if (!e.item.row) return;
      data.favourites = await conversations.toggleFavourite(e.item.row.favouriteRef);
      draw();
    });
    qp.onDidAccept(async () => {
      const row = qp.selectedItems[0]?.row;
      qp.hide();
      if (row) await conversations.setModel(row.ref);
    });
    qp.onDidHide(() => {
      qp.dispose();
      resolve();
    });
    qp.show();
  });
}

function toItems(data: PickerData, grouping: PickerGrouping): RowItem[] {
  const items: RowItem[] = [];
  for (const section of pickerSections(data, grouping)) {
    if (!section.rows.length) continue;
    items.push({ label: section.title, kind: vscode.QuickPickItemKind.Separator });
    for (const row of section.rows) {
      items.push({
        label: `${HEALTH_ICON[row.health] ?? ''} ${row.label}`,
        description: row.description,
        detail: row.detail,
        row,
        picked: row.ref === data.current,
        buttons: [
          {
            iconPath: new vscode.ThemeIcon(row.favourite ? 'star-full' : 'star-empty'),
            tooltip: row.favourite ? 'Remove from favourites' : 'Add to favourites',
          },
        ],
      });
    }
  }
  if (!items.length)
    items.push({
      label: 'No models yet',
      detail: 'Set an API key with "Switchboard: Set API Key", or check the switchboard.providers setting.',
    });
  return items;
}

/** Sort, only, ignore and max price for the current conversation, step by step. */
async function showRoutingPreferences(conversations: ChatConversations, data: PickerData): Promise<void> {
  const p: ChatPreferences = { ...data.preferences };
  const sorts = ['balanced', 'price', 'latency', 'throughput'] as const;
  const sort = await vscode.window.showQuickPick(
    sorts.map((s) => ({
      label: s,
      picked: (p.sort ?? 'balanced') === s,
      description: s === (p.sort ?? 'balanced') ? 'current' : undefined,
    })),
    { title: 'Routing (1/4): order hosts by' },
  );
  if (!sort) return;
  p.sort = sort.label;
  const only = await vscode.window.showQuickPick(
    data.providers.map((pr) => ({ label: pr.name, id: pr.id, picked: p.only?.includes(pr.id) })),
    { title: 'Routing (2/4): use only these providers (none = any)', canPickMany: true },
  );
  if (!only) return;
  p.only = only.length ? only.map((o) => o.id) : undefined;
  const ignore = await vscode.window.showQuickPick(
    data.providers.map((pr) => ({ label: pr.name, id: pr.id, picked: p.ignore?.includes(pr.id) })),
    { title: 'Routing (3/4): never use these providers', canPickMany: true },
  );
  if (!ignore) return;
  p.ignore = ignore.length ? ignore.map((o) => o.id) : undefined;
  const price = await vscode.window.showInputBox({
    title: 'Routing (4/4): max price per million tokens, "input/output" (empty = no limit)',
    value: p.maxPrice ? `${p.maxPrice.inputPerMTok ?? ''}/${p.maxPrice.outputPerMTok ?? ''}` : '',
    validateInput: (v) =>
      v.trim() === '' || /^\s*\d*(\.\d+)?\s*\/\s*\d*(\.\d+)?\s*$/.test(v)
        ? undefined
        : 'Write it as 3/15 (USD per MTok in/out), or leave it empty',
  });
  if (price === undefined) return;
  const [i, o] = price.split('/').map((s) => (s.trim() === '' ? undefined : Number(s)));
  p.maxPrice = i !== undefined || o !== undefined ? { inputPerMTok: i, outputPerMTok: o } : undefined;
  await conversations.setPreferences(p);
}
