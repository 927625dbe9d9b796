// A member mutes a board for themselves: its important posts, polls and messages no longer make
// notifications or mail. A request addressed to me and a reply to my post still do, and the
// inbox is unchanged.
import { useState } from 'preact/hooks';
import { api } from '../../api/client';

interface Props {
  teamId: number;
  muted: boolean;
  onError: (e: unknown) => void;
}

export function MuteToggle({ teamId, muted: initial, onError }: Props) {
  const [muted, setMuted] = useState(initial);
  const [busy, setBusy] = useState(false);
  const toggle = async () => {
    setBusy(true);
    try {
      setMuted((await api.put<{ muted: boolean }>(`/api/v1/care-teams/${teamId}/mute`, { muted: !muted })).muted);
    } catch (e) {
      onError(e);
    } finally {
      setBusy(false);
    }
  };
  return (
    <button
      type="button"
      class={'link-button small' + (muted ? ' muted-board' : '')}
      aria-pressed={muted}
      disabled={busy}
      title={muted ? 'あなた宛ての依頼と、あなたの投稿への返信だけ通知します' : 'この掲示板の重要な投稿・アンケートの通知を止めます'}
      onClick={toggle}
    >
      {muted ? '通知オフ中（オンにする）' : '通知をオフにする'}
    </button>
  );
}
