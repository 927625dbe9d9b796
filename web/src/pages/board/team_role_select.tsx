// Choosing a role on a care team (主治医, 訪問看護 …), with its label for screen readers.
import { api } from '../../api';
import { useLoad } from '../../hooks';

export function TeamRoleSelect({ id, label, value, onValue }: { id: string; label: string; value: string; onValue: (v: string) => void }) {
  const [roles] = useLoad(() => api.boards.roles(), []);
  return (
    <>
      <label for={id} class="visually-hidden">
        {label}
      </label>
      <select id={id} value={value} onChange={(e) => onValue((e.currentTarget as HTMLSelectElement).value)}>
        {roles?.items.map((r) => (
          <option key={r.code} value={r.code}>
            {r.label}
          </option>
        ))}
      </select>
    </>
  );
}
