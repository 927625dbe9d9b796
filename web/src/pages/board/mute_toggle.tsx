// A member mutes a board for themselves — for an hour, until the morning, or until they turn it
// back on: its important posts, polls and messages no longer make notifications or mail. A
// request addressed to me and a reply to my post still do, and the inbox is unchanged.
import { useState } from 'preact/hooks';
import { api } from '../../api';
import type { MuteChange } from '../../api/types';

interface Props {
  boardId: number;
  muted: boolean;
  mutedUntil: string | null;
  onError: (e: unknown) => void;
}

const HOUR = 3600_000;
const JST = 9 * HOUR;
const MORNING = 8; // o'clock, Japan time

// Minutes from now to the next 8:00 in Japan, and how to say it.
function untilMorning(now = Date.now()): { minutes: number; label: string } {
  const jst = new Date(now + JST);
  let at = Date.UTC(jst.getUTCFullYear(), jst.getUTCMonth(), jst.getUTCDate(), MORNING) - JST;
  const today = at > now;
  if (!today) at += 24 * HOUR;
  return { minutes: Math.ceil((at - now) / 60_000), label: `${today ? '' : '明日の'}朝${MORNING}時まで` };
}

function untilLabel(iso: string): string {
  return new Date(iso).toLocaleString('ja-JP', { timeZone: 'Asia/Tokyo', month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
}

export function MuteToggle({ boardId, muted: initialMuted, mutedUntil: initialUntil, onError }: Props) {
  const [state, setState] = useState({ muted: initialMuted, muted_until: initialUntil });
  const [choosing, setChoosing] = useState(false);
  const [busy, setBusy] = useState(false);
  const put = async (change: MuteChange) => {
    setBusy(true);
    try {
      setState(await api.boards.setMute(boardId, change));
      setChoosing(false);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  if (state.muted) {
    return (
      <button
        type="button"
        class="link-button small muted-board"
        aria-pressed="true"
        disabled={busy}
        title="あなた宛ての依頼と、あなたの投稿への返信だけ通知します"
        onClick={() => void put({ muted: false })}
      >
        {state.muted_until ? `通知オフ中（${untilLabel(state.muted_until)}まで・オンにする）` : '通知オフ中（オンにする）'}
      </button>
    );
  }
  const morning = untilMorning();
  return (
    <span class="mute">
      <button
        type="button"
        class="link-button small"
        aria-pressed="false"
        aria-expanded={choosing}
        title="この掲示板の重要な投稿・アンケートの通知を止めます"
        onClick={() => setChoosing(!choosing)}
      >
        通知をオフにする
      </button>
      {choosing && (
        <span class="mute-menu" role="group" aria-label="通知をオフにする期間">
          <button type="button" class="secondary small" disabled={busy} onClick={() => void put({ muted: true, minutes: 60 })}>
            1時間
          </button>
          <button type="button" class="secondary small" disabled={busy} onClick={() => void put({ muted: true, minutes: morning.minutes })}>
            {morning.label}
          </button>
          <button type="button" class="secondary small" disabled={busy} onClick={() => void put({ muted: true })}>
            オンに戻すまで
          </button>
        </span>
      )}
    </span>
  );
}
