// For the disaster browser tests: a person with a care team run by the care manager, the doctor
// a member, and consent (through the API, as the other tests seed their data).
import assert from 'node:assert/strict';

export async function personWithTeam(cm, drId, { name, kana, birth, phone = '029-864-1234' }) {
  const p = await cm.post('/api/v1/persons', { name, name_kana: kana, birth_date: birth, sex: 'female', phone, address: `茨城県つくば市 ${name}の家` });
  assert.equal(p.status, 201, p.text);
  const me = (await cm.get('/api/v1/session')).json.user.id;
  const team = await cm.post(`/api/v1/persons/${p.json.id}/care-team`, { admin_user_id: me, team_role: 'care_manager' });
  assert.equal(team.status, 201, team.text);
  assert.equal((await cm.put(`/api/v1/boards/${team.json.id}/members/${drId}`, { team_role: 'primary_doctor' })).status, 200);
  const c = await cm.post(`/api/v1/persons/${p.json.id}/consents`, { consenter: 'self', consenter_name: name, consented_on: '2026-01-10', scope: { care_team: true } });
  assert.equal(c.status, 201, c.text);
  return { ...p.json, team: team.json };
}
