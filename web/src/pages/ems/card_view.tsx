// A crew scans 私の大切な情報カード: the reason and incident first (as for a search), then the
// person's emergency view. A card issued again since, or a person without consent, shows why
// nothing opens.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { EmergencyView } from '../../api/types';
import { ErrorAlert } from '../../components/ui';
import { useAction } from '../../hooks';
import { Link } from '../../router';
import { EmergencyDetails } from './emergency_view';
import { loadReason, saveReason } from './lookup_reason';
import { ReasonFields } from './reason_fields';

export function EmsCardPage({ token }: { token: string }) {
  const [why, setWhy] = useState(loadReason);
  const [view, setView] = useState<EmergencyView | null>(null);
  const action = useAction();
  const open = (e: Event) => {
    e.preventDefault();
    saveReason(why);
    void action.run(async () => setView(await api.ems.personByCard(token, why)));
  };
  return (
    <div>
      <p>
        <Link href="/ems">← 患者検索へ</Link>
      </p>
      {!view && (
        <form onSubmit={open}>
          <h1>情報カード</h1>
          <p>照会の理由と事案番号を入力すると、カードの方の情報を表示します。</p>
          <ReasonFields why={why} setWhy={setWhy} error={action.error} />
          <ErrorAlert error={action.error} />
          <button type="submit" class="primary wide" disabled={action.busy}>
            表示する
          </button>
        </form>
      )}
      {view && <EmergencyDetails view={view} setView={setView} />}
    </div>
  );
}
