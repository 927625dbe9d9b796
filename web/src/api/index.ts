// The typed client: every call the front end makes to the server, by domain, so that pages hold
// no paths (scripts/check_web_contract.mjs keeps it so). The shapes are in ./types.ts and are
// checked against the real server's answers by tests/api/contract.test.mjs.
import { audit } from './audit';
import { boards } from './boards';
import { devices } from './devices';
import { disaster } from './disaster';
import { ems } from './ems';
import { facilities } from './facilities';
import { conversations, groups } from './groups';
import { inbox } from './inbox';
import { invitations } from './invitations';
import { live } from './live';
import { notices } from './notices';
import { notifications } from './notifications';
import { persons } from './persons';
import { polls } from './polls';
import { posts } from './posts';
import { record } from './record';
import { region } from './region';
import { account, session } from './session';
import { users } from './users';

export const api = {
  session,
  account,
  devices,
  invitations,
  region,
  facilities,
  users,
  persons,
  record,
  boards,
  posts,
  polls,
  groups,
  conversations,
  inbox,
  notices,
  notifications,
  audit,
  live,
  ems,
  disaster,
};

export { ApiError } from './client';
